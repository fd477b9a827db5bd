//! Differential tests: every C scenario in `c-tests/scenarios/` is compiled
//! against Debian's libosip2 (the oracle) and against ours, both are run, and
//! their traces must be identical. Ours runs in both pairings: our libosip2
//! on Debian's libosipparser2 ("ours") and on our libosipparser2 ("pair",
//! where `osip_list_*` stamp the public lists). The Debian-compiled binary
//! is also run with our libosip2 first on the library path ("drop-in"),
//! with both of our libraries ("drop-in pair"), and with our libosipparser2
//! under Debian's libosip2 ("drop-in parser"). Our builds run with the
//! engine's cross-check on, and under valgrind. See `c-tests/README.md`.
//!
//! `OSIP2_SCENARIOS=substring` restricts the run to matching scenarios;
//! `OSIP2_VALGRIND=0` skips the valgrind pass.

mod common;
#[path = "common/diff.rs"]
mod diff;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// First-line marker of scenarios on which libosip2 itself crashes.
const ORACLE_CRASHES: &str = "/* oracle: crashes */";
/// A line of the leading comment of scenarios that must leave nothing in
/// use at exit under valgrind (reachable blocks count as leaks).
const NOTHING_IN_USE: &str = "valgrind: nothing in use at exit";
/// The machine is shared: two jobs at a time.
const WORKERS: usize = 2;
/// Generous: with Debian's libosipparser2 (no edit stamps on the lists) our
/// engine rereads a list at each operation, and lifecycle_peak_memory's
/// 20,000 transactions take about 20 s of CPU that way (docs/deviations.md,
/// "Lists"), more than a minute on a loaded machine.
const RUN_TIMEOUT: Duration = Duration::from_secs(180);
const VALGRIND_TIMEOUT: Duration = Duration::from_secs(300);
const CFLAGS: &[&str] = &["-std=gnu99", "-g", "-O0", "-Wall", "-Werror", "-pthread"];
const LIBS: &[&str] = &["-losip2", "-losipparser2", "-lpthread"];

struct Scenario {
    name: String,
    source: PathBuf,
    oracle_crashes: bool,
    nothing_in_use: bool,
}

/// Binaries of one scenario, or the compiler's complaint.
struct Built {
    reference: Result<PathBuf, String>,
    ours: Result<PathBuf, String>,
    /// Ours on our libosipparser2.
    pair: Result<PathBuf, String>,
}

struct Setup {
    scenarios: Vec<Scenario>,
    built: Vec<Built>,
    /// Directory holding `libosip2.so.15` → our library (for drop-in runs).
    our_libdir: PathBuf,
    /// The same with `libosipparser2.so.15` → ours.
    pair_libdir: PathBuf,
    /// Only `libosipparser2.so.15` → ours (Debian's libosip2 on our parser).
    parser_libdir: PathBuf,
}

struct Output {
    stdout: String,
    stderr: String,
    status: String,
    ok: bool,
}

fn scenarios() -> Vec<Scenario> {
    let filter = std::env::var("OSIP2_SCENARIOS").unwrap_or_default();
    let dir = common::manifest_dir().join("c-tests").join("scenarios");
    let mut list: Vec<Scenario> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c"))
        .filter_map(|source| {
            let name = source.file_stem()?.to_str()?.to_string();
            if !name.contains(&filter) {
                return None;
            }
            let text = fs::read_to_string(&source).ok()?;
            let oracle_crashes = text
                .lines()
                .next()
                .is_some_and(|l| l.trim() == ORACLE_CRASHES);
            let nothing_in_use = text
                .lines()
                .take_while(|l| !l.starts_with('#'))
                .any(|l| l.contains(NOTHING_IN_USE));
            Some(Scenario {
                name,
                source,
                oracle_crashes,
                nothing_in_use,
            })
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    list
}

/// Runs `jobs` on `WORKERS` threads; results in job order.
fn parallel<T: Sync, R: Send>(jobs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= jobs.len() {
                    break;
                }
                let r = f(&jobs[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("job result"))
        .collect()
}

fn cc(args: &[&str]) -> Result<(), String> {
    let out = common::cc()
        .args(args)
        .output()
        .map_err(|e| format!("cannot run cc: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first: Vec<&str> = stderr.lines().take(40).collect();
        Err(format!("cc {}\n{}", args.join(" "), first.join("\n")))
    }
}

/// Compiles every scenario once per library; shared by both tests.
fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let out = common::profile_dir().join("c-tests");
        let our_libdir = common::our_lib_dir();
        let harness_dir = common::manifest_dir().join("c-tests");
        let our_include = common::our_include();
        let inc_harness = format!("-I{}", harness_dir.display());
        let inc_ours = format!("-I{}", our_include.display());
        let lib_ours = format!("-L{}", our_libdir.display());
        let rpath_ours = format!("-Wl,-rpath,{}", our_libdir.display());
        let pair_libdir = common::our_pair_dir();
        let lib_pair = format!("-L{}", pair_libdir.display());
        let rpath_pair = format!("-Wl,-rpath,{}", pair_libdir.display());
        // Per side: extra include flags, extra link flags.
        let sides: [(&str, Vec<&str>, Vec<&str>); 3] = [
            ("ref", vec![inc_harness.as_str()], vec![]),
            (
                "ours",
                vec![inc_ours.as_str(), inc_harness.as_str()],
                vec![lib_ours.as_str(), rpath_ours.as_str()],
            ),
            (
                "pair",
                vec![inc_ours.as_str(), inc_harness.as_str()],
                vec![lib_pair.as_str(), rpath_pair.as_str()],
            ),
        ];
        let harness_c = harness_dir.join("harness.c");
        let harness_objs: Vec<Result<PathBuf, String>> = parallel(&sides, |(side, inc, _)| {
            let dir = out.join(side);
            fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let obj = dir.join("harness.o");
            let mut args: Vec<&str> = CFLAGS.to_vec();
            args.extend(inc.iter().copied());
            let (c, o) = (harness_c.to_str().unwrap(), obj.to_str().unwrap());
            args.extend(["-c", c, "-o", o]);
            cc(&args).map(|_| obj.clone())
        });
        let scenarios = scenarios();
        let jobs: Vec<(usize, usize)> = (0..scenarios.len())
            .flat_map(|s| [(s, 0), (s, 1), (s, 2)])
            .collect();
        let binaries = parallel(&jobs, |&(s, side)| {
            let sc = &scenarios[s];
            let (side_name, inc, link) = &sides[side];
            if side == 0 && sc.oracle_crashes {
                return Err("not built: the oracle crashes on this scenario".to_string());
            }
            let obj = harness_objs[side]
                .as_ref()
                .map_err(|e| format!("harness.c: {e}"))?;
            let exe = out.join(side_name).join(&sc.name);
            let mut args: Vec<&str> = CFLAGS.to_vec();
            args.extend(inc.iter().copied());
            let (src, o, e) = (
                sc.source.to_str().unwrap(),
                obj.to_str().unwrap(),
                exe.to_str().unwrap(),
            );
            args.extend([src, o, "-o", e]);
            args.extend(link.iter().copied());
            args.extend(LIBS.iter().copied());
            cc(&args).map(|_| exe.clone())
        });
        let mut it = binaries.into_iter();
        let built = scenarios
            .iter()
            .map(|_| Built {
                reference: it.next().unwrap(),
                ours: it.next().unwrap(),
                pair: it.next().unwrap(),
            })
            .collect();
        Setup {
            scenarios,
            built,
            our_libdir,
            pair_libdir,
            parser_libdir: common::our_parser_only_dir(),
        }
    })
}

/// How a program is run.
#[derive(Clone, Copy)]
enum Mode {
    /// As shipped.
    Plain,
    /// With the engine's cross-check on (`OSIP2RS_CROSS_CHECK=1`): every
    /// operation compares the engine's answer with a walk of the lists.
    CrossCheck,
}

/// Runs a program with a clean library path (or `libdir` first on it),
/// killing it after `timeout`.
fn run(program: &[&str], libdir: Option<&Path>, mode: Mode, timeout: Duration) -> Output {
    let mut cmd = Command::new(program[0]);
    cmd.args(&program[1..])
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("OSIP2RS_CROSS_CHECK")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = libdir {
        cmd.env("LD_LIBRARY_PATH", dir);
    }
    if let Mode::CrossCheck = mode {
        cmd.env("OSIP2RS_CROSS_CHECK", "1");
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Output {
                stdout: String::new(),
                stderr: e.to_string(),
                status: "could not start".into(),
                ok: false,
            }
        }
    };
    // Drain both pipes while waiting, so a chatty scenario cannot block.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let (status, ok) = loop {
        match child.try_wait() {
            Ok(Some(st)) => break (st.to_string(), st.success()),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break (
                    format!("killed after {}s (hang?)", timeout.as_secs()),
                    false,
                );
            }
            Ok(None) => thread::sleep(Duration::from_millis(5)),
            Err(e) => break (e.to_string(), false),
        }
    };
    Output {
        stdout: String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned(),
        status,
        ok,
    }
}

/// The last lines of a text, for reports.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// A problem with one run of a scenario, or None.
fn compare(run_name: &str, reference: &Output, got: &Output) -> Option<String> {
    let mut problems = String::new();
    if !got.ok {
        problems.push_str(&format!(
            "[{run_name}] exit status {}\n  stderr (tail):\n{}\n  stdout (tail):\n{}\n",
            got.status,
            tail(&got.stderr, 15),
            tail(&got.stdout, 15)
        ));
    }
    let d = diff::unified(
        &reference.stdout,
        &got.stdout,
        "reference (Debian libosip2)",
        run_name,
        4,
    );
    if !d.is_empty() {
        problems.push_str(&format!(
            "[{run_name}] trace differs from the reference:\n{d}"
        ));
    }
    (!problems.is_empty()).then_some(problems)
}

fn check_reference(reference: &Output) -> Option<String> {
    (!reference.ok).then(|| {
        format!(
            "[reference] the scenario fails on Debian's libosip2 ({}): fix the scenario\n  stderr (tail):\n{}\n  stdout (tail):\n{}\n",
            reference.status,
            tail(&reference.stderr, 15),
            tail(&reference.stdout, 15)
        )
    })
}

/// One scenario's verdict: `None` if it passed.
type Verdict = Option<String>;

fn report(what: &str, scenarios: &[Scenario], verdicts: &[Verdict]) {
    let failed: Vec<(&Scenario, &String)> = scenarios
        .iter()
        .zip(verdicts)
        .filter_map(|(s, v)| v.as_ref().map(|v| (s, v)))
        .collect();
    for (s, v) in &failed {
        eprintln!(
            "\n======== {what}: {} FAILED ({})\n{v}",
            s.name,
            s.source.display()
        );
    }
    let passed = scenarios.len() - failed.len();
    // Written around libtest's output capture, so the count shows on success too.
    let _ = writeln!(
        std::io::stderr(),
        "{what}: {passed} passed, {} failed",
        failed.len()
    );
    if !failed.is_empty() {
        let names: Vec<&str> = failed.iter().map(|(s, _)| s.name.as_str()).collect();
        panic!("{what}: {} failed: {}", failed.len(), names.join(", "));
    }
}

/// The two tests share the machine's two cores: one at a time.
fn exclusive() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn exe_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn scenarios_match_debian_libosip2() {
    let _guard = exclusive();
    let setup = setup();
    let jobs: Vec<usize> = (0..setup.scenarios.len()).collect();
    let verdicts = parallel(&jobs, |&i| -> Verdict {
        let sc = &setup.scenarios[i];
        let built = &setup.built[i];
        let ours_runs = [("ours", &built.ours), ("pair", &built.pair)].map(|(name, exe)| {
            let out = exe
                .as_ref()
                .map(|p| run(&[exe_str(p)], None, Mode::CrossCheck, RUN_TIMEOUT));
            (name, out)
        });
        if sc.oracle_crashes {
            let problems: Vec<String> = ours_runs
                .iter()
                .filter_map(|(name, out)| match out {
                    Err(e) => Some(format!("[{name}] does not compile against our headers/library:\n{e}")),
                    Ok(out) => (!out.ok).then(|| {
                        format!(
                            "[{name}] exit status {} (the scenario checks our error codes itself)\n  stdout (tail):\n{}\n  stderr (tail):\n{}\n",
                            out.status,
                            tail(&out.stdout, 20),
                            tail(&out.stderr, 15)
                        )
                    }),
                })
                .collect();
            return (!problems.is_empty()).then(|| problems.join("\n"));
        }
        let reference = match &built.reference {
            Ok(p) => p,
            Err(e) => {
                return Some(format!(
                    "[reference] does not compile against Debian's libosip2:\n{e}"
                ))
            }
        };
        let ref_out = run(&[exe_str(reference)], None, Mode::Plain, RUN_TIMEOUT);
        if let Some(p) = check_reference(&ref_out) {
            return Some(p);
        }
        // The drop-in runs need only the reference binary: they still tell
        // whether our libraries behave when our headers are the problem.
        let dropin = |libdir: &Path| {
            run(
                &[exe_str(reference)],
                Some(libdir),
                Mode::Plain,
                RUN_TIMEOUT,
            )
        };
        let dropins = [
            ("drop-in", dropin(&setup.our_libdir)),
            ("drop-in pair", dropin(&setup.pair_libdir)),
            ("drop-in parser", dropin(&setup.parser_libdir)),
        ];
        let problems: Vec<String> = ours_runs
            .iter()
            .map(|(name, out)| match out {
                Ok(out) => compare(name, &ref_out, out),
                Err(e) => Some(format!(
                    "[{name}] does not compile against our headers/library:\n{e}"
                )),
            })
            .chain(
                dropins
                    .iter()
                    .map(|(name, out)| compare(name, &ref_out, out)),
            )
            .flatten()
            .collect();
        (!problems.is_empty()).then(|| problems.join("\n"))
    });
    report("differential", &setup.scenarios, &verdicts);
}

#[test]
fn scenarios_clean_under_valgrind() {
    if std::env::var("OSIP2_VALGRIND").is_ok_and(|v| v == "0") {
        eprintln!("valgrind: skipped (OSIP2_VALGRIND=0)");
        return;
    }
    if !common::valgrind() {
        return;
    }
    let _guard = exclusive();
    let setup = setup();
    let jobs: Vec<usize> = (0..setup.scenarios.len()).collect();
    let verdicts = parallel(&jobs, |&i| -> Verdict {
        let sc = &setup.scenarios[i];
        let built = &setup.built[i];
        let leaks = if sc.nothing_in_use {
            ["--show-leak-kinds=all", "--errors-for-leak-kinds=all"]
        } else {
            [
                "--show-leak-kinds=definite,indirect",
                "--errors-for-leak-kinds=definite,indirect",
            ]
        };
        let problems: Vec<String> = [("ours", &built.ours), ("pair", &built.pair)]
            .into_iter()
            .filter_map(|(name, exe)| {
                let exe = match exe {
                    Ok(p) => p,
                    Err(e) => return Some(format!("[{name}] does not compile:\n{e}")),
                };
                let vg = [
                    "valgrind",
                    "-q",
                    "--error-exitcode=99",
                    "--leak-check=full",
                    leaks[0],
                    leaks[1],
                    exe_str(exe),
                ];
                let got = run(&vg, None, Mode::Plain, VALGRIND_TIMEOUT);
                // The trace is not compared here: valgrind slows a run down
                // enough that timers armed early can fall due before the
                // scenario expects. The native runs compare traces; this one
                // looks for memory errors.
                (!got.ok).then(|| {
                    format!(
                        "[valgrind, {name}] exit status {} (99 = memory errors or leaks{})\n  stderr (tail):\n{}\n  stdout (tail):\n{}\n",
                        got.status,
                        if sc.oracle_crashes { "; 1 = one of the scenario's own checks failed" } else { "" },
                        tail(&got.stderr, 40),
                        tail(&got.stdout, 10)
                    )
                })
            })
            .collect();
        (!problems.is_empty()).then(|| problems.join("\n"))
    });
    report("valgrind", &setup.scenarios, &verdicts);
}
