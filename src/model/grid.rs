//! A table's grid: where each cell sits once column and row spans are counted, and
//! what is wrong with the shape (rows of another width, spans that overlap or run off
//! the table). Validation reports the problems; the emitters read the columns (for the
//! column alignment) and the width.

use super::{Cell, Table};

/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 1000;

/// Which rows of a table: the header rows or the body rows (a span never crosses from
/// one to the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `head`.
    Head,
    /// `rows`.
    Body,
}

impl Part {
    /// The key in the YAML: `head` or `rows`.
    pub fn key(self) -> &'static str {
        match self {
            Part::Head => "head",
            Part::Body => "rows",
        }
    }
}

/// Something wrong with a table's shape, at a row or at one of its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridProblem {
    /// Head or body.
    pub part: Part,
    /// The row, from 0 within its part.
    pub row: usize,
    /// The cell, from 0 within its row, and the key at fault inside it (`colspan`,
    /// `rowspan`), when the problem is one cell's.
    pub cell: Option<(usize, Option<&'static str>)>,
    /// The diagnostic code: `table.ragged`, `table.overlap`, `table.span`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Where the cells of a table sit.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The number of columns: what the first row covers.
    pub width: usize,
    /// The first column (from 0) of each cell of each header row.
    pub head: Vec<Vec<usize>>,
    /// The first column (from 0) of each cell of each body row.
    pub body: Vec<Vec<usize>>,
    /// What is wrong, in reading order; empty for a well-formed table.
    pub problems: Vec<GridProblem>,
}

impl Grid {
    /// Lays out a table's cells.
    pub fn of(t: &Table) -> Grid {
        let mut g = Grid::default();
        let first = t.head.first().or(t.rows.first());
        g.width = first.map_or(0, |row| row.iter().map(|c| c.view().colspan).sum());
        if g.width > MAX_COLUMNS {
            // Laying out is linear in the width for every row: a hostile first row of
            // large colspans must not make the check itself slow or large.
            let part = if t.head.is_empty() {
                Part::Body
            } else {
                Part::Head
            };
            g.problems.push(GridProblem {
                part,
                row: 0,
                cell: None,
                code: "table.too-wide",
                message: format!("this row makes the table {} columns wide", g.width),
                hint: format!("a table has at most {MAX_COLUMNS} columns: check the colspans"),
            });
            return g;
        }
        g.head = g.part(Part::Head, &t.head);
        g.body = g.part(Part::Body, &t.rows);
        g
    }

    /// The first column of cell `c` of row `r` of `part`.
    pub fn column(&self, part: Part, r: usize, c: usize) -> usize {
        let rows = match part {
            Part::Head => &self.head,
            Part::Body => &self.body,
        };
        rows.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0)
    }

    /// Places the rows of one part, recording problems.
    fn part(&mut self, part: Part, rows: &[Vec<Cell>]) -> Vec<Vec<usize>> {
        // For each column, how many more rows a cell above still covers.
        let mut below: Vec<usize> = vec![0; self.width];
        let mut out = Vec::with_capacity(rows.len());
        for (r, row) in rows.iter().enumerate() {
            let mut covered: Vec<bool> = below.iter().map(|&n| n > 0).collect();
            let mut starts = Vec::with_capacity(row.len());
            let mut col = 0;
            for (c, cell) in row.iter().enumerate() {
                while covered.get(col).copied().unwrap_or(false) {
                    col += 1;
                }
                let v = cell.view();
                starts.push(col);
                let end = col + v.colspan;
                self.check_cell(part, r, c, (col, end), &covered, rows.len() - r, v.rowspan);
                // Past the table's edge (reported above) nothing needs marking.
                for k in col.min(self.width)..end.min(self.width) {
                    covered[k] = true;
                    below[k] = below[k].max(v.rowspan);
                }
                col = end;
            }
            let count = covered.iter().filter(|&&b| b).count();
            let said = self.problems.iter().any(|p| {
                p.part == part && p.row == r && p.cell.is_some_and(|(_, k)| k != Some("rowspan"))
            });
            if count != self.width && !said {
                self.problems.push(ragged(part, r, count, self.width));
            }
            for n in &mut below {
                *n = n.saturating_sub(1);
            }
            out.push(starts);
        }
        out
    }

    /// One cell at columns `cols` (start, end): it must not run into a cell spanning
    /// down from above, past the last column, or past the last row of its part.
    #[allow(clippy::too_many_arguments)]
    fn check_cell(
        &mut self,
        part: Part,
        r: usize,
        c: usize,
        (start, end): (usize, usize),
        covered: &[bool],
        rows_left: usize,
        rowspan: usize,
    ) {
        let mut problem = |key: Option<&'static str>, code, message, hint| {
            self.problems.push(GridProblem {
                part,
                row: r,
                cell: Some((c, key)),
                code,
                message,
                hint,
            })
        };
        let inside = start.min(self.width)..end.min(self.width);
        if inside.clone().any(|k| covered[k]) {
            problem(
                Some("colspan"),
                "table.overlap",
                format!("this cell covers columns {}–{end}, and a cell spanning down from a row above covers one of them", start + 1),
                "make the colspan smaller: a cell with a rowspan covers its columns in the rows below, which list no cell for them".into(),
            );
        } else if end > self.width && r > 0 {
            problem(
                Some("colspan").filter(|_| end - start > 1),
                "table.span",
                format!(
                    "this cell reaches column {end}, past the table's last column ({})",
                    self.width
                ),
                format!(
                    "the first row makes the table {} columns wide: remove a cell or make a colspan smaller",
                    self.width
                ),
            );
        }
        if rowspan > rows_left {
            problem(
                Some("rowspan"),
                "table.span",
                format!(
                    "this cell spans {rowspan} rows, but only {rows_left} {} row(s) start here",
                    part.key()
                ),
                format!(
                    "a header cell spans header rows only and a body cell body rows: make the rowspan at most {rows_left}"
                ),
            );
        }
    }
}

/// A row that covers another number of columns than the first row.
fn ragged(part: Part, r: usize, count: usize, width: usize) -> GridProblem {
    GridProblem {
        part,
        row: r,
        cell: None,
        code: "table.ragged",
        message: format!(
            "this row covers {count} column(s), counting cells that span down from rows above; the table's first row covers {width}"
        ),
        hint: "give every row cells for every column: add or remove a cell, or change a colspan or rowspan (a cell with `rowspan: 2` also fills its column in the next row)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellSpec, Id};

    fn span(text: &str, colspan: u16, rowspan: u16) -> Cell {
        Cell::Full(CellSpec {
            text: Some(text.into()),
            colspan: Some(colspan),
            rowspan: Some(rowspan),
            ..CellSpec::default()
        })
    }

    fn table(head: Vec<Vec<Cell>>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            id: Id("t".into()),
            label: None,
            title: None,
            caption: None,
            align: vec![],
            head,
            rows,
            notes: vec![],
            foot: None,
        }
    }

    #[test]
    fn spans_place_cells_and_fill_rows() {
        let t = table(
            vec![
                vec![span("Year", 1, 2), span("Trade", 2, 1)],
                vec!["Exports".into(), "Imports".into()],
            ],
            vec![vec!["1949".into(), "10".into(), "12".into()]],
        );
        let g = Grid::of(&t);
        assert_eq!(g.width, 3);
        assert_eq!(g.head, vec![vec![0, 1], vec![1, 2]]);
        assert!(g.problems.is_empty(), "{:?}", g.problems);
    }

    #[test]
    fn overlap_runoff_and_ragged_rows_are_found() {
        let t = table(
            vec![],
            vec![
                vec![span("a", 1, 2), "b".into(), "c".into()],
                vec![span("d", 3, 1)],
                vec!["e".into(), "f".into(), "g".into(), "h".into()],
                vec!["i".into(), span("j", 1, 3)],
            ],
        );
        let g = Grid::of(&t);
        let codes: Vec<(usize, &str)> = g.problems.iter().map(|p| (p.row, p.code)).collect();
        assert_eq!(
            codes,
            [
                (1, "table.span"),
                (2, "table.span"),
                (3, "table.span"),
                (3, "table.ragged")
            ]
        );
    }

    #[test]
    fn hostile_widths_are_refused_or_cut_short_quickly() {
        let wide = table(vec![], vec![vec![span("a", 1000, 1), span("b", 1000, 1)]]);
        let g = Grid::of(&wide);
        assert_eq!(g.problems.len(), 1);
        assert_eq!(g.problems[0].code, "table.too-wide");
        // 100,000 cells of colspan 1,000 after a one-column first row: each is past the
        // edge and reported, without marking a billion columns (which would not finish).
        let long = vec![span("x", 1000, 1); 100_000];
        let t = table(vec![], vec![vec!["a".into()], long]);
        let g = Grid::of(&t);
        assert_eq!(g.problems.len(), 100_000);
    }
}
