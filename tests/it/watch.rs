//! `galley watch` as a proofreader uses it: the watcher runs on a copy of the tour
//! fixture with `--port 0`; headless Chromium (Debian's `chromium`, as in `preview.rs`)
//! opens the article's page from the printed URL, and the test drives the page over the
//! Chrome DevTools Protocol (a WebSocket on `--remote-debugging-port`) to read what a
//! reader sees. Editing `article.yaml` must make the open page reload by itself and show
//! the new word; breaking the YAML must make it show the error; fixing it, the preview
//! again. Ctrl-C stops the watcher with 130 and no staging folder left.
//!
//! Every wait has a deadline (a hung browser or watcher fails the test, never hangs it);
//! the watcher and the browser are killed when the test ends, however it ends. Chromium
//! is required: missing, the test fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::preview::chromium;
use crate::support::{copy_dir, galley_std};

const TOUR: &str = "tests/fixtures/valid/tour";
const SLUG: &str = "night-shift-sleep";
/// How long any one thing may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(90);

/// A child process killed (and reaped) when dropped, so that a failing test leaves no
/// watcher or browser behind.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `galley watch`, running, with what it printed on standard error so far.
struct Watcher {
    child: Killed,
    log: Arc<Mutex<String>>,
    url: String,
}

impl Watcher {
    /// Starts `galley ARGS…` and waits for the URL it serves on.
    #[allow(
        clippy::disallowed_methods,
        reason = "the clock gives a hung watcher a deadline; it decides nothing galley writes"
    )]
    fn start(args: &[&str]) -> Watcher {
        let mut child = galley_std()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start galley watch");
        let stderr = child.stderr.take().expect("stderr");
        let child = Killed(child);
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<String>();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    log.lock().unwrap().push_str(&format!("{line}\n"));
                    let _ = tx.send(line);
                }
            });
        }
        let deadline = Instant::now() + DEADLINE;
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(at) = line.find("serving http://") {
                        let rest = &line[at + "serving ".len()..];
                        break rest.split_whitespace().next().unwrap().to_string();
                    }
                }
                Err(_) => panic!(
                    "galley watch printed no URL within {DEADLINE:?}:\n{}",
                    log.lock().unwrap()
                ),
            }
        };
        assert!(
            url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
            "served on localhost only: {url}"
        );
        Watcher { child, log, url }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code.
    #[allow(
        clippy::disallowed_methods,
        reason = "the clock gives a hung watcher a deadline; it decides nothing galley writes"
    )]
    fn interrupt(&mut self) -> Option<i32> {
        let status = Command::new("kill")
            .args(["-INT", &self.child.0.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(st) = self.child.0.try_wait().expect("wait for galley") {
                return st.code();
            }
            assert!(
                Instant::now() < deadline,
                "galley watch did not stop within {DEADLINE:?} of Ctrl-C:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A GET over plain HTTP/1.0: the status code and the body.
fn get(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).expect("connect to galley watch");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("read the answer");
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, body.to_string())
}

/// Headless Chromium with one page open, driven over the DevTools protocol.
struct Browser {
    _child: Killed,
    _profile: tempfile::TempDir,
    socket: tungstenite::WebSocket<TcpStream>,
    session: String,
    next_id: u64,
}

impl Browser {
    /// Starts Chromium on `url` and attaches to its page.
    #[allow(
        clippy::disallowed_methods,
        reason = "the clock gives a hung browser a deadline; it decides nothing galley writes"
    )]
    fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().expect("tempdir");
        let child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let child = Killed(child);
        // Chromium writes the port it chose, and the browser's WebSocket path, here.
        let active = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + DEADLINE;
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&active)
                && let Some((port, path)) = text.split_once('\n')
                && path.trim().starts_with("/devtools/")
            {
                break (port.trim().to_string(), path.trim().to_string());
            }
            assert!(
                Instant::now() < deadline,
                "chromium opened no DevTools port within {DEADLINE:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let host = format!("127.0.0.1:{port}");
        let stream = TcpStream::connect(&host).expect("connect to chromium");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let (socket, _) = tungstenite::client(format!("ws://{host}{path}"), stream)
            .expect("DevTools WebSocket handshake");
        let mut browser = Browser {
            _child: child,
            _profile: profile,
            socket,
            session: String::new(),
            next_id: 0,
        };
        let targets = browser.call(None, "Target.getTargets", json!({}));
        let page = targets["result"]["targetInfos"]
            .as_array()
            .and_then(|t| t.iter().find(|t| t["type"] == "page"))
            .unwrap_or_else(|| panic!("no page among {targets}"))
            .clone();
        let attached = browser.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": page["targetId"], "flatten": true}),
        );
        browser.session = attached["result"]["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        browser
    }

    /// Sends a command (to the page's session, or to the browser) and returns the answer
    /// (`result` or `error`).
    #[allow(
        clippy::disallowed_methods,
        reason = "the clock gives a hung browser a deadline; it decides nothing galley writes"
    )]
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .expect("send to chromium");
        let deadline = Instant::now() + DEADLINE;
        loop {
            assert!(
                Instant::now() < deadline,
                "chromium did not answer {method} within {DEADLINE:?}"
            );
            let read = match self.socket.read() {
                Ok(m) => m,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => panic!("reading from chromium: {e}"),
            };
            let Ok(text) = read.to_text() else { continue };
            let Ok(value) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if value["id"] == json!(id) {
                return value;
            }
        }
    }

    /// Evaluates `expression` in the page; `None` when the page is between documents
    /// (reloading) or the expression threw.
    fn eval(&mut self, expression: &str) -> Option<Value> {
        let session = self.session.clone();
        let answer = self.call(
            Some(&session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        if answer.get("error").is_some() || answer["result"].get("exceptionDetails").is_some() {
            return None;
        }
        Some(answer["result"]["result"]["value"].clone())
    }

    /// What a reader sees on the page.
    fn text(&mut self) -> String {
        self.eval("document.body ? document.body.innerText : ''")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Marks the document now loaded; a reload (a new document) loses the mark.
    fn mark(&mut self) {
        assert_eq!(
            self.eval("window.galleyTestMark = 'unchanged'; document.readyState.length > 0"),
            Some(json!(true)),
            "could not mark the page"
        );
    }

    fn reloaded(&mut self) -> bool {
        self.eval("typeof window.galleyTestMark") == Some(json!("undefined"))
    }

    /// Waits until the page was reloaded and its text satisfies `ok`.
    #[allow(
        clippy::disallowed_methods,
        reason = "the clock gives a hung browser a deadline; it decides nothing galley writes"
    )]
    fn wait_for(&mut self, what: &str, watcher: &Watcher, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let text = self.text();
            if ok(&text) && self.reloaded() {
                self.mark();
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "the page did not reload to show {what} within {DEADLINE:?}; it shows:\n{text}\n\
                 galley watch printed:\n{}",
                watcher.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The `.galley-staging-*` folders left in `out`.
fn staging_left(out: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(out)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(".galley-staging"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_open_preview_reloads_by_itself_shows_the_error_and_comes_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    copy_dir(&crate::support::root().join(TOUR), &input);
    let article = input.join(SLUG).join("article.yaml");
    let original = std::fs::read_to_string(&article).unwrap();
    let old = "Night work shortens daytime sleep";
    let new = "Shift work shortens daytime sleep";
    assert!(original.contains(old));

    let mut watcher = Watcher::start(&[
        "watch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--port",
        "0",
    ]);
    let page_url = format!("{}{SLUG}/", watcher.url);
    let mut browser = Browser::open(&page_url);

    // The first build's preview: the paragraph as written.
    let text = browser.wait_for("the first build's paragraph", &watcher, |t| t.contains(old));
    assert!(text.contains("Coffee after Midnight"), "{text}");

    // A word changed: the open page reloads by itself.
    std::fs::write(&article, original.replace(old, new)).unwrap();
    let text = browser.wait_for("the new word", &watcher, |t| t.contains(new));
    assert!(!text.contains(old), "{text}");

    // The YAML broken: the page shows the error, not the last preview.
    let broken = original
        .replace(old, new)
        .replace("title: \"Coffee", "title: [\"Coffee");
    std::fs::write(&article, &broken).unwrap();
    let text = browser.wait_for("the error", &watcher, |t| t.contains("error[yaml.syntax]"));
    assert!(text.contains("does not build"), "{text}");
    assert!(text.contains("article.yaml:5:8"), "{text}");
    // The source line is shown as text: the quotes and brackets of the YAML, escaped.
    assert!(text.contains("title: [\"Coffee after Midnight"), "{text}");
    assert!(!text.contains(new), "stale content on the page: {text}");
    let (_, index) = get(&watcher.url);
    assert!(index.contains("failed: <code>"), "{index}");
    assert!(
        watcher.child.0.try_wait().unwrap().is_none(),
        "a content error stopped the watcher"
    );

    // Fixed: the preview comes back.
    std::fs::write(&article, original.replace(old, new)).unwrap();
    let text = browser.wait_for("the preview again", &watcher, |t| t.contains(new));
    assert!(!text.contains("does not build"), "{text}");

    // What was served had the script; what is on disk is byte for byte `build`'s.
    let (code, served) = get(&page_url);
    assert_eq!(code, 200);
    assert!(served.contains("/_galley/wait"), "no reload script served");
    let fresh = tmp.path().join("fresh");
    let built = galley_std()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&fresh)
        .output()
        .expect("run galley build");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let on_disk = std::fs::read(out.join(SLUG).join("index.html")).unwrap();
    assert_eq!(
        on_disk,
        std::fs::read(fresh.join(SLUG).join("index.html")).unwrap()
    );
    assert!(!String::from_utf8_lossy(&on_disk).contains("/_galley/"));

    // Ctrl-C: exit status 130, nothing left in staging.
    drop(browser);
    assert_eq!(watcher.interrupt(), Some(130), "{}", watcher.log());
    assert!(staging_left(&out).is_empty(), "{:?}", staging_left(&out));
    assert!(
        watcher.log().contains("galley watch: stopped"),
        "{}",
        watcher.log()
    );
}

#[test]
#[allow(
    clippy::disallowed_methods,
    reason = "the clock gives a hung watcher a deadline; it decides nothing galley writes"
)]
fn build_watch_serves_the_same_pages_and_refuses_what_is_outside_an_article() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    let out = tmp.path().join("out");
    copy_dir(&crate::support::root().join(TOUR), &input);
    std::fs::write(tmp.path().join("secret.txt"), "not to be served").unwrap();
    let mut watcher = Watcher::start(&[
        "build",
        "--watch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--port",
        "0",
    ]);
    let deadline = Instant::now() + DEADLINE;
    let page_url = format!("{}{SLUG}/index.html", watcher.url);
    loop {
        let (code, body) = get(&page_url);
        if code == 200 && body.contains("Night work shortens") {
            assert!(body.contains("/_galley/wait"), "{body}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no preview within {DEADLINE:?}:\n{}",
            watcher.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (code, svg) = get(&format!("{}{SLUG}/images/hours.svg", watcher.url));
    assert_eq!(code, 200);
    assert!(svg.contains("<svg"), "{svg}");
    for bad in [
        format!("{SLUG}/../../secret.txt"),
        format!("{SLUG}/%2e%2e/%2e%2e/secret.txt"),
        format!("{SLUG}/.galley-manifest.json"),
        "nobody/index.html".to_string(),
    ] {
        let (code, body) = get(&format!("{}{bad}", watcher.url));
        assert_eq!(code, 404, "{bad}: {body}");
        assert!(!body.contains("not to be served"));
    }
    assert_eq!(watcher.interrupt(), Some(130), "{}", watcher.log());
}
