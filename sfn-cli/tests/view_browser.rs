//! The execution view in a real browser: headless Chromium (the Debian package) opens views
//! of a success, a caught error with retries, a Parallel with a failed branch, a Map of
//! 10,000 items and a 500-state machine. Each page loads without console errors and without
//! any network request; the states carry the classes their outcome gives them; clicking a
//! state shows its output in the side panel (read back from the DOM); a screenshot of each is
//! written to `target/tmp/views/` (and, with `SFN_WRITE_DOCS=1`, the README's to `docs/`).
//!
//! The browser is driven by `tests/browser/driver.mjs` (Node.js with playwright-core, pinned
//! by `tests/browser/package-lock.json`, installed by `.ci/browser-tools`), one JSON command a
//! line; every assertion stays here. Not from this process: the Rust DevTools clients parse the
//! protocol through serde_json, whose `arbitrary_precision` (on workspace-wide) breaks them.
//!
//! Skipped, saying why, when Chromium or the driver is not installed, unless
//! `SFN_REQUIRE_TOOLS=1` (CI) where only `.ci/chromium` or `.ci/browser-tools` reporting that
//! the install failed (`SFN_NO_BROWSER`) allows a skip.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sfn::exec::{Executor, TaskFailure};

/// Chromium and the driver's folder, or `None` (after saying why) when the test must skip.
fn tools() -> Option<(PathBuf, PathBuf)> {
    if let Ok(why) = std::env::var("SFN_NO_BROWSER") {
        eprintln!("skipped: the browser could not be installed: {why}");
        return None;
    }
    let chromium = std::env::var_os("SFN_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let driver = std::env::var_os("SFN_BROWSER_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| sfn_testkit::workspace_root().join("target/browser-tools"));
    let why = if !chromium.is_file() {
        format!(
            "{} is not installed (`.ci/chromium`, or `apt-get install chromium`; SFN_CHROMIUM names another)",
            chromium.display()
        )
    } else if !driver.join("node_modules/playwright-core").is_dir() {
        format!(
            "playwright-core is not installed in {}: run `.ci/browser-tools` (or set SFN_BROWSER_TOOLS to the folder it prints)",
            driver.display()
        )
    } else {
        return Some((chromium, driver));
    };
    if std::env::var("SFN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{why}");
    }
    eprintln!("skipped: {why}");
    None
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("views");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The longest wait for one reply of the driver (its own actions time out after 30 s).
const REPLY_LIMIT: Duration = Duration::from_secs(90);

/// `node tests/browser/driver.mjs`, with one browser for the whole test. Dropping it closes
/// the driver's stdin (it then closes Chromium and exits), and kills it if it has not gone
/// within a few seconds.
struct Driver {
    child: Child,
    stdin: Mutex<Option<ChildStdin>>,
    replies: Mutex<Receiver<String>>,
    next_id: Mutex<u64>,
}

impl Driver {
    fn start(chromium: &Path, tools: &Path, profile: &Path) -> Driver {
        let script = sfn_testkit::workspace_root().join("tests/browser/driver.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .arg(tools)
            .arg(chromium)
            .arg(profile)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs (apt-get install nodejs)");
        let stdout = child.stdout.take().unwrap();
        let (send, replies) = channel();
        // A reader thread, so that every wait for a reply is bounded.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let driver = Driver {
            stdin: Mutex::new(child.stdin.take()),
            child,
            replies: Mutex::new(replies),
            next_id: Mutex::new(1),
        };
        // The driver's first line says the browser is up.
        let hello = driver.reply(0);
        eprintln!("Chromium {} through playwright-core", hello["version"]);
        driver
    }

    fn reply(&self, id: u64) -> Value {
        let line = match self.replies.lock().unwrap().recv_timeout(REPLY_LIMIT) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => panic!("no reply from the driver in {REPLY_LIMIT:?}"),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the driver exited (its stderr is above)")
            }
        };
        let mut reply: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("the driver wrote `{line}`: {e}"));
        assert_eq!(reply["id"], json!(id), "{line}");
        if let Some(error) = reply.get("error") {
            panic!("the browser failed: {}", error.as_str().unwrap_or_default());
        }
        reply["ok"].take()
    }

    /// Sends `command` (its `op` and arguments) and waits for the result.
    fn call(&self, mut command: Value) -> Value {
        let id = {
            let mut next = self.next_id.lock().unwrap();
            *next += 1;
            *next
        };
        command["id"] = json!(id);
        let mut stdin = self.stdin.lock().unwrap();
        let pipe = stdin.as_mut().expect("the driver is running");
        writeln!(pipe, "{command}").unwrap();
        pipe.flush().unwrap();
        drop(stdin);
        self.reply(id)
    }

    fn open(&self, file: &Path) -> Page<'_> {
        let opened = self.call(json!({"op": "open", "file": file}));
        Page {
            driver: self,
            id: opened["page"].clone(),
            load: Duration::from_secs_f64(opened["loadMs"].as_f64().unwrap() / 1000.0),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stdin.lock().unwrap().take();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the page did besides rendering (recorded by the driver): console messages of level
/// error or warning, uncaught exceptions, and every request it made.
struct Observed {
    problems: Vec<String>,
    requests: Vec<String>,
}

struct Page<'a> {
    driver: &'a Driver,
    id: Value,
    /// From navigation to the page saying it is ready (`html[data-ready]`), in the browser.
    load: Duration,
}

impl Page<'_> {
    fn eval(&self, expression: &str) -> Value {
        let wrapped = format!("(() => {{ {expression} }})()");
        self.driver
            .call(json!({"op": "eval", "page": self.id, "expression": wrapped}))
    }

    fn observed(&self) -> Observed {
        let o = self.driver.call(json!({"op": "observed", "page": self.id}));
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect()
        };
        Observed {
            problems: strings(&o["problems"]),
            requests: strings(&o["requests"]),
        }
    }

    fn classes(&self, state: &str) -> Vec<String> {
        let value = self.eval(&format!(
            "const g = [...document.querySelectorAll('g.state')].find(g => g.dataset.name === {});
             return g ? [...g.classList] : null;",
            json!(state)
        ));
        serde_json::from_value(value).unwrap_or_else(|_| panic!("no state `{state}` drawn"))
    }

    fn assert_outcome(&self, state: &str, outcome: &str) {
        let classes = self.classes(state);
        assert!(
            classes.contains(&format!("outcome-{outcome}")),
            "`{state}` should be {outcome}: {classes:?}"
        );
    }

    /// A mouse click (at the element's centre, as a user's) on what `selector` finds.
    fn click_on(&self, selector: &str) {
        self.driver
            .call(json!({"op": "click", "page": self.id, "selector": selector}));
    }

    /// Clicks a state, and checks the panel then shows it.
    fn click(&self, state: &str) {
        self.click_on(&format!("g.state[data-name={}]", json!(state)));
        let shown = self
            .eval("return document.querySelector('#details h2')?.firstChild?.textContent ?? null;");
        assert_eq!(shown, json!(state), "the panel shows the clicked state");
    }

    /// The JSON of a section (`Output`, `Input`, `Effective parameters`, ...) of the panel.
    fn section(&self, title: &str) -> Value {
        let text = self.eval(&format!(
            "const d = document.querySelector('#details details[data-section=' + JSON.stringify({}) + '] pre');
             return d ? d.textContent : null;",
            json!(title)
        ));
        match text {
            Value::String(text) => serde_json::from_str(&text).unwrap(),
            _ => panic!("no `{title}` section in the panel"),
        }
    }

    /// No console error or warning, no exception, and no request but the page itself.
    fn assert_clean(&self, file: &Path) {
        let o = self.observed();
        assert!(
            o.problems.is_empty(),
            "{}: {:?}",
            file.display(),
            o.problems
        );
        let own = format!("file://{}", file.display());
        // The page's own load is seen: the observer works.
        assert!(o.requests.contains(&own), "{:?}", o.requests);
        let others: Vec<&String> = o.requests.iter().filter(|url| **url != own).collect();
        assert!(others.is_empty(), "requests besides the page: {others:?}");
        // Nor did the page load a resource (what the Performance API records).
        let resources = self.eval("return performance.getEntriesByType('resource').length;");
        assert_eq!(resources, json!(0));
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let path = out_dir().join(format!("{name}.png"));
        let _ = std::fs::remove_file(&path);
        self.driver
            .call(json!({"op": "screenshot", "page": self.id, "path": path}));
        let png = std::fs::read(&path).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        path
    }

    fn close(self) {
        self.driver.call(json!({"op": "close", "page": self.id}));
    }
}

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/view/order-flow.asl.json"
);
const MOCKS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/view/MockConfigFile.json"
);

/// `sfn run examples/view/order-flow.asl.json --view FILE` for a test case of its mocks.
fn sfn_run_view(case: &str, input: &Value, file: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(["run", EXAMPLE, "--mock-config", MOCKS, "--test-case", case])
        .arg("--input")
        .arg(input.to_string())
        .arg("--view")
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn views_work_in_chromium() {
    let Some((chromium, tools)) = tools() else {
        return;
    };
    let dir = out_dir();
    let browser = Driver::start(&chromium, &tools, &dir.join("chromium-profile"));
    let input =
        json!({"amount": 42, "customer": "ada", "items": [{"item": "book"}, {"item": "lamp"}]});

    // The observers see what they must: a page with a console error and an image to fetch
    // (from a closed local port) is reported on both counts.
    let tampered = dir.join("tampered.html");
    let view = Executor::from_json(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
    )
    .unwrap()
    .run(json!({}))
    .view_html()
    .replace(
        "</body>",
        "<script>console.error('planted')</script><img src=\"http://127.0.0.1:9/x.png\"></body>",
    );
    std::fs::write(&tampered, view).unwrap();
    let page = browser.open(&tampered);
    let observed = page.observed();
    let problems = observed.problems.join("\n");
    assert!(problems.contains("planted"), "{problems}");
    // The page's Content-Security-Policy blocks the image: reported as a console error.
    assert!(problems.contains("127.0.0.1:9"), "{problems}");
    // And the attempt is seen as a request besides the page's own.
    assert!(
        observed
            .requests
            .contains(&"http://127.0.0.1:9/x.png".to_owned()),
        "{:?}",
        observed.requests
    );
    page.close();

    // A success, through the command line: retried once, both branches, two items.
    let file = dir.join("success.html");
    let result = sfn_run_view("HappyPath", &input, &file);
    assert_eq!(result["status"], "SUCCEEDED");
    let page = browser.open(&file);
    page.assert_outcome("Validate", "succeeded");
    page.assert_outcome("Charge", "retried");
    page.assert_outcome("Fulfil", "succeeded");
    page.assert_outcome("Reserve stock", "succeeded");
    page.assert_outcome("Notify", "succeeded");
    page.assert_outcome("Pack", "succeeded");
    page.assert_outcome("Done", "succeeded");
    page.assert_outcome("Rejected", "none");
    let taken = page.eval(
        "return [...document.querySelectorAll('g.edge.taken')].map(g => (g.dataset.from ?? '(start)') + '>' + (g.dataset.to ?? '(end)'));",
    );
    for edge in [
        "Validate>Charge",
        "Charge>Fulfil",
        "Fulfil>Pack items",
        "Pack items>Done",
    ] {
        assert!(
            taken.as_array().unwrap().contains(&json!(edge)),
            "{edge} in {taken}"
        );
    }
    assert!(
        !taken
            .as_array()
            .unwrap()
            .contains(&json!("Charge>Rejected")),
        "{taken}"
    );
    page.click("Charge");
    assert_eq!(
        page.section("Effective parameters"),
        json!({"FunctionName": "charge", "Payload": {"amount": 42, "customer": "ada"}})
    );
    assert_eq!(
        page.section("Task result"),
        json!({"StatusCode": 200, "Payload": {"receipt": "R-1042"}})
    );
    let mut expected = input.clone();
    expected["payment"] = json!({"receipt": "R-1042"});
    assert_eq!(page.section("Output"), expected);
    let attempts =
        page.eval("return document.querySelectorAll('#details table.attempts tr').length;");
    assert_eq!(attempts, json!(3), "a header and two attempts");
    // The second item: pick iteration 1 of the Map, then click `Pack`.
    page.eval("const i = document.querySelector('#iterations input'); i.value = '1'; i.dispatchEvent(new Event('change')); return null;");
    page.click("Pack");
    assert_eq!(
        page.section("Output"),
        json!({"item": "lamp", "weight": 2.1})
    );
    page.assert_clean(&file);
    page.click("Charge");
    let shot = page.screenshot("success");
    if std::env::var("SFN_WRITE_DOCS").is_ok_and(|v| v == "1") {
        let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/execution-view.png");
        std::fs::copy(&shot, docs).unwrap();
    }
    eprintln!("success view: loaded in {:?}", page.load);

    // The definition alone (`Workflow::write_view`, `definition_html`): nothing entered,
    // each state's ASL on a click.
    let machine =
        sfn::runtime::asl::StateMachine::from_json(&std::fs::read_to_string(EXAMPLE).unwrap())
            .unwrap();
    let file = dir.join("definition.html");
    std::fs::write(
        &file,
        sfn::runtime::view::definition_html(&machine, "order-flow"),
    )
    .unwrap();
    page.close();
    let page = browser.open(&file);
    page.assert_outcome("Charge", "none");
    page.assert_outcome("Pack", "none");
    page.click("Charge");
    assert_eq!(
        page.section("Definition (ASL)")["Resource"],
        json!("arn:aws:states:::lambda:invoke")
    );
    page.assert_clean(&file);

    // A caught error with retries: throttled twice, then declined and caught.
    let file = dir.join("caught.html");
    let result = sfn_run_view("CardDeclined", &input, &file);
    assert_eq!(result["error"], "OrderRejected");
    page.close();
    let page = browser.open(&file);
    page.assert_outcome("Charge", "caught");
    page.assert_outcome("Rejected", "failed");
    page.assert_outcome("Fulfil", "none");
    page.assert_outcome("Reserve stock", "none");
    let catch_taken = page.eval(
        "return document.querySelector('g.edge.catch[data-from=\"Charge\"][data-to=\"Rejected\"]').classList.contains('taken');",
    );
    assert_eq!(catch_taken, json!(true));
    // Opened on the failed state: its error is shown.
    let error =
        page.eval("return document.querySelector('#details .errorbox strong').textContent;");
    assert_eq!(error, json!("OrderRejected"));
    page.click("Charge");
    let rows = page.eval(
        "return [...document.querySelectorAll('#details table.attempts tr')].slice(1).map(r => [...r.cells].map(c => c.textContent));",
    );
    assert_eq!(
        rows,
        json!([
            [
                "1",
                "+0 ms",
                "+0 ms",
                "Payment.Throttled",
                "too many requests, try again"
            ],
            [
                "2",
                "+1 s",
                "+1 s",
                "Payment.Throttled",
                "too many requests, try again"
            ],
            [
                "3",
                "+3 s",
                "+3 s",
                "Payment.Declined",
                "the card was declined"
            ]
        ])
    );
    let mut expected = input.clone();
    expected["error"] = json!({"Error": "Payment.Declined", "Cause": "the card was declined"});
    assert_eq!(page.section("Output"), expected);
    page.assert_clean(&file);
    page.screenshot("caught");

    // A Parallel whose second branch fails; the Parallel's Catch recovers.
    let execution = Executor::from_json(
        r#"{"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Branches": [
              {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "Result": {"ok": 1}, "End": true}}},
              {"StartAt": "Broken", "States": {"Broken": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.failure", "Next": "Recover"}], "Next": "Done"},
          "Recover": {"Type": "Pass", "End": true},
          "Done": {"Type": "Succeed"}}}"#,
    )
    .unwrap()
    .on_state("Broken", |_, _| Err(TaskFailure::new("Queue.Gone", "no such queue")))
    .unwrap()
    .run(json!({"order": 7}));
    let file = dir.join("parallel.html");
    execution.write_view(&file).unwrap();
    page.close();
    let page = browser.open(&file);
    page.assert_outcome("Both", "caught");
    page.assert_outcome("Fine", "succeeded");
    page.assert_outcome("Broken", "failed");
    page.assert_outcome("Recover", "succeeded");
    page.assert_outcome("Done", "none");
    page.click("Fine");
    assert_eq!(page.section("Output"), json!({"ok": 1}));
    // A branch's frame is selectable: the panel lists that branch's states.
    let listed = page.eval(
        "const frames = [...document.querySelectorAll('g.scope[data-owner=\"Both\"]')];
         frames[1].querySelector('rect').dispatchEvent(new MouseEvent('click', {bubbles: true}));
         return [...document.querySelectorAll('#details td button')].map(b => b.textContent);",
    );
    assert_eq!(listed, json!(["Broken"]));
    page.click("Recover");
    assert_eq!(
        page.section("Output"),
        json!({"order": 7, "failure": {"Error": "Queue.Gone", "Cause": "no such queue"}})
    );
    page.assert_clean(&file);
    page.screenshot("parallel");

    // A distributed Map of 10,000 items, ten of which fail (tolerated): one iteration at
    // a time, the failed ones a click away.
    let execution = Executor::from_json(
        r#"{"StartAt": "Each", "States": {"Each": {"Type": "Map", "ToleratedFailurePercentage": 50,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.bad", "BooleanEquals": true, "Next": "Bad"}], "Default": "Work"},
              "Work": {"Type": "Pass", "Parameters": {"done.$": "$.n"}, "End": true},
              "Bad": {"Type": "Fail", "Error": "Item.Bad", "Cause": "a bad item"}}},
          "End": true}}}"#,
    )
    .unwrap()
    .run(Value::Array(
        (0..10_000).map(|n| json!({"n": n, "bad": n % 1000 == 7})).collect(),
    ));
    assert!(execution.succeeded());
    let file = dir.join("map.html");
    execution.write_view(&file).unwrap();
    page.close();
    let page = browser.open(&file);
    assert!(
        page.load < Duration::from_secs(5),
        "the 10,000-item view loaded in {:?}",
        page.load
    );
    eprintln!("10,000-item Map view: loaded in {:?}", page.load);
    let bar = page.eval("return document.querySelector('#iterations').textContent;");
    assert!(bar.as_str().unwrap().contains("of 10000"), "{bar}");
    assert!(bar.as_str().unwrap().contains("10 failed"), "{bar}");
    // It opens on the first failed iteration.
    page.assert_outcome("Bad", "failed");
    page.assert_outcome("Work", "none");
    page.eval("const i = document.querySelector('#iterations input'); i.value = '5000'; i.dispatchEvent(new Event('change')); return null;");
    page.assert_outcome("Work", "succeeded");
    page.assert_outcome("Bad", "none");
    page.click("Work");
    assert_eq!(page.section("Output"), json!({"done": 5000}));
    page.assert_clean(&file);
    page.screenshot("map");

    // 500 states.
    let mut states = serde_json::Map::new();
    for i in 0..499 {
        let next = if i == 498 {
            "End".to_owned()
        } else {
            format!("S{}", i + 1)
        };
        states.insert(
            format!("S{i}"),
            json!({"Type": "Pass", "Result": i, "ResultPath": "$.last", "Next": next}),
        );
    }
    states.insert("End".into(), json!({"Type": "Succeed"}));
    let definition = json!({"StartAt": "S0", "States": states}).to_string();
    let execution = Executor::from_json(&definition).unwrap().run(json!({}));
    let file = dir.join("five-hundred.html");
    execution.write_view(&file).unwrap();
    page.close();
    let page = browser.open(&file);
    assert!(
        page.load < Duration::from_secs(5),
        "the 500-state view loaded in {:?}",
        page.load
    );
    eprintln!("500-state view: loaded in {:?}", page.load);
    let succeeded =
        page.eval("return document.querySelectorAll('g.state.outcome-succeeded').length;");
    assert_eq!(succeeded, json!(500));
    page.click("S498");
    assert_eq!(page.section("Output"), json!({"last": 498}));
    page.assert_clean(&file);
    page.screenshot("five-hundred");
    page.close();
}
