//! Real traffic: the example UAC and UAS of `c-tests/examples/` (plain C on
//! the public API, linked to our libosip2.so) place and answer calls over
//! UDP on 127.0.0.1 against sipp (Debian package `sip-tester`) and against
//! each other, in real time, with and without deliberate packet loss
//! (`--drop-every`), so that retransmission timers work over the wire.
//!
//! Every call must complete: sipp exits 0 and reports 0 failed calls, our
//! programs exit 0 with no transaction left in any list (and the UAC gives
//! up with a clear message on a 401, as it does not authenticate). Each
//! scenario runs in both pairings: our libosip2 on Debian's libosipparser2,
//! and on ours (`_on_our_parser`). One scenario runs both programs under
//! valgrind, and one runs them built against Debian's libosip2, which keeps
//! the programs themselves honest.
//!
//! The scenarios mostly wait on SIP timers (a UAS keeps each non-INVITE
//! server transaction for timer J, 32 s), so they all run at once, each on
//! its own ports. `OSIP2_TRAFFIC=substring` runs only the matching ones.

mod common;

use common::Side;
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// A scenario's processes are killed after this long.
const TIMEOUT: Duration = Duration::from_secs(100);
/// Time for a server to bind before its client starts.
const SERVER_START: Duration = Duration::from_millis(500);

/// What a process must show at the end.
enum Expect {
    /// sipp: exit 0, this many successful calls and none failed.
    Sipp { calls: u32 },
    /// Our uac/uas: exit 0, no transaction left; with loss, some datagrams
    /// really were dropped.
    Ours { lossy: bool },
    /// Our program gives up: exit status 1 and this on stdout.
    GivesUp { says: &'static str },
}

struct Proc {
    label: &'static str,
    argv: Vec<String>,
    expect: Expect,
}

struct Scenario {
    name: String,
    side: Side,
    /// The first one is the server, started first.
    procs: Vec<Proc>,
}

/// Ports below the kernel's ephemeral range, probed free, never handed out
/// twice by this process; the starting point depends on the pid so that
/// concurrent runs from other worktrees start elsewhere.
fn free_port() -> u16 {
    static TAKEN: OnceLock<Mutex<(u16, HashSet<u16>)>> = OnceLock::new();
    let taken = TAKEN.get_or_init(|| {
        let start = 20000 + (std::process::id() % 600) as u16 * 16;
        Mutex::new((start, HashSet::new()))
    });
    let mut guard = taken.lock().unwrap();
    let (next, used) = &mut *guard;
    loop {
        let port = *next;
        *next = if *next >= 32000 { 20000 } else { *next + 1 };
        if !used.contains(&port) && UdpSocket::bind(("127.0.0.1", port)).is_ok() {
            used.insert(port);
            return port;
        }
    }
}

/// `uac` and `uas` built against one side's headers and library.
fn programs(side: Side) -> (PathBuf, PathBuf) {
    static BUILT: OnceLock<Mutex<Vec<(Side, PathBuf, PathBuf)>>> = OnceLock::new();
    let built = BUILT.get_or_init(|| Mutex::new(Vec::new()));
    let mut built = built.lock().unwrap();
    if let Some((_, uac, uas)) = built.iter().find(|(s, _, _)| *s == side) {
        return (uac.clone(), uas.clone());
    }
    let src = common::manifest_dir().join("c-tests").join("examples");
    let dir = common::profile_dir()
        .join("examples")
        .join(format!("{side:?}").to_lowercase());
    fs::create_dir_all(&dir).expect("create examples dir");
    let build = |name: &str| {
        let exe = dir.join(name);
        let sources = [src.join(format!("{name}.c")), src.join("sipapp.c")];
        common::build_c(side, side, &sources, &exe);
        exe
    };
    let (uac, uas) = (build("uac"), build("uas"));
    built.push((side, uac.clone(), uas.clone()));
    (uac, uas)
}

fn uac(side: Side) -> PathBuf {
    programs(side).0
}

fn uas(side: Side) -> PathBuf {
    programs(side).1
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// sipp on 127.0.0.1:`port` with a screen report and an error log in its
/// working directory.
fn sipp(port: u16, scenario: &[&str], rest: &[&str]) -> Vec<String> {
    let mut v = strings(&["sipp"]);
    v.extend(strings(scenario));
    v.extend(strings(&["-i", "127.0.0.1", "-p", &port.to_string()]));
    v.extend(strings(&["-nostdin", "-trace_screen", "-trace_err"]));
    v.extend(strings(rest));
    v
}

fn sipp_file(name: &str) -> String {
    common::manifest_dir()
        .join("c-tests")
        .join("sipp")
        .join(name)
        .display()
        .to_string()
}

fn ours(exe: &Path, args: &[&str]) -> Vec<String> {
    let mut v = vec![exe.display().to_string()];
    v.extend(strings(args));
    v
}

fn valgrind(mut argv: Vec<String>) -> Vec<String> {
    let mut v = strings(&[
        "valgrind",
        "-q",
        "--error-exitcode=99",
        "--leak-check=full",
        "--errors-for-leak-kinds=definite,indirect",
        "--show-leak-kinds=definite,indirect",
    ]);
    v.append(&mut argv);
    v
}

fn scenarios() -> Vec<Scenario> {
    let mut list = Vec::new();
    let filter = std::env::var("OSIP2_TRAFFIC").unwrap_or_default();
    let mut add = |name: &str, side: Side, make: &dyn Fn() -> Vec<Proc>| {
        // The name says the pairing: plain for our libosip2 on Debian's
        // libosipparser2, `_on_our_parser` for both of our libraries.
        let name = match side {
            Side::Pair => format!("{name}_on_our_parser"),
            _ => name.to_string(),
        };
        if name.contains(&filter) {
            list.push(Scenario {
                name,
                side,
                procs: make(),
            });
        }
    };
    // Our UAC against our UAS: registration and three calls, then the same
    // with loss on both sides, under valgrind when it is installed, and
    // built against Debian's libosip2.
    let both = |side: Side, drop: Option<&str>, checked: bool| {
        let port = free_port();
        let (port_s, target) = (port.to_string(), format!("127.0.0.1:{port}"));
        let mut uas_args = vec!["--port", port_s.as_str(), "--max-calls", "3"];
        let mut uac_args = vec!["--target", target.as_str(), "--calls", "3"];
        for args in [&mut uas_args, &mut uac_args] {
            if let Some(d) = drop {
                args.extend(["--drop-every", d]);
            }
        }
        let wrap = |argv| if checked { valgrind(argv) } else { argv };
        vec![
            Proc {
                label: "uas",
                argv: wrap(ours(&uas(side), &uas_args)),
                expect: Expect::Ours {
                    lossy: drop.is_some(),
                },
            },
            Proc {
                label: "uac",
                argv: wrap(ours(&uac(side), &uac_args)),
                expect: Expect::Ours {
                    lossy: drop.is_some(),
                },
            },
        ]
    };
    // Every scenario on our libosip2 runs in both pairings.
    for side in [Side::Ours, Side::Pair] {
        for (name, calls, drop) in [
            ("uac_calls_sipp_uas", "3", None),
            ("uac_calls_sipp_uas_with_loss", "4", Some("3")),
        ] {
            add(name, side, &|| {
                let peer = free_port();
                let target = format!("127.0.0.1:{peer}");
                let mut args = vec![
                    "--target",
                    target.as_str(),
                    "--no-register",
                    "--calls",
                    calls,
                ];
                if let Some(d) = drop {
                    args.extend(["--drop-every", d]);
                }
                vec![
                    Proc {
                        label: "sipp",
                        argv: sipp(peer, &["-sn", "uas"], &["-m", calls]),
                        expect: Expect::Sipp {
                            calls: calls.parse().expect("a number"),
                        },
                    },
                    Proc {
                        label: "uac",
                        argv: ours(&uac(side), &args),
                        expect: Expect::Ours {
                            lossy: drop.is_some(),
                        },
                    },
                ]
            });
        }
        for (name, drop) in [
            ("uac_registers_with_sipp", None),
            ("uac_registers_with_sipp_with_loss", Some("2")),
        ] {
            add(name, side, &|| {
                let peer = free_port();
                let target = format!("127.0.0.1:{peer}");
                let mut args = vec!["--target", target.as_str(), "--calls", "0"];
                if let Some(d) = drop {
                    args.extend(["--drop-every", d]);
                }
                vec![
                    Proc {
                        label: "sipp",
                        argv: sipp(peer, &["-sf", &sipp_file("register_uas.xml")], &["-m", "1"]),
                        expect: Expect::Sipp { calls: 1 },
                    },
                    Proc {
                        label: "uac",
                        argv: ours(&uac(side), &args),
                        expect: Expect::Ours {
                            lossy: drop.is_some(),
                        },
                    },
                ]
            });
        }
        add("uac_gives_up_on_401", side, &|| {
            let peer = free_port();
            vec![
                Proc {
                    label: "sipp",
                    argv: sipp(peer, &["-sf", &sipp_file("register_401.xml")], &["-m", "1"]),
                    expect: Expect::Sipp { calls: 1 },
                },
                Proc {
                    label: "uac",
                    argv: ours(
                        &uac(side),
                        &["--target", &format!("127.0.0.1:{peer}"), "--calls", "0"],
                    ),
                    expect: Expect::GivesUp {
                        says: "401 Unauthorized: authentication required",
                    },
                },
            ]
        });
        for (name, drop) in [
            ("sipp_uac_calls_uas", None),
            ("sipp_uac_calls_uas_with_loss", Some("4")),
        ] {
            add(name, side, &|| {
                let (port, peer) = (free_port(), free_port());
                let port_s = port.to_string();
                let mut args = vec!["--port", port_s.as_str(), "--max-calls", "5", "--quiet"];
                if let Some(d) = drop {
                    args.extend(["--drop-every", d]);
                }
                vec![
                    Proc {
                        label: "uas",
                        argv: ours(&uas(side), &args),
                        expect: Expect::Ours {
                            lossy: drop.is_some(),
                        },
                    },
                    Proc {
                        label: "sipp",
                        argv: sipp(
                            peer,
                            &["-sn", "uac", &format!("127.0.0.1:{port}")],
                            &["-m", "5", "-r", "10"],
                        ),
                        expect: Expect::Sipp { calls: 5 },
                    },
                ]
            });
        }
        add("sipp_uac_cancels_while_uas_rings", side, &|| {
            let (port, peer) = (free_port(), free_port());
            vec![
                Proc {
                    label: "uas",
                    argv: ours(
                        &uas(side),
                        &[
                            "--port",
                            &port.to_string(),
                            "--max-calls",
                            "2",
                            "--answer-delay",
                            "5000",
                        ],
                    ),
                    expect: Expect::Ours { lossy: false },
                },
                Proc {
                    label: "sipp",
                    argv: sipp(
                        peer,
                        &[
                            "-sf",
                            &sipp_file("uac_cancel.xml"),
                            &format!("127.0.0.1:{port}"),
                        ],
                        &["-s", "uas", "-m", "2", "-r", "10"],
                    ),
                    expect: Expect::Sipp { calls: 2 },
                },
            ]
        });
        add("uac_calls_uas", side, &|| both(side, None, false));
        add("uac_calls_uas_with_loss", side, &|| {
            both(side, Some("3"), common::valgrind())
        });
    }
    add(
        "uac_calls_uas_with_loss_on_debian_libosip2",
        Side::Debian,
        &|| both(Side::Debian, Some("3"), false),
    );
    list
}

struct Ran {
    label: &'static str,
    dir: PathBuf,
    status: String,
    ok: bool,
}

fn spawn(argv: &[String], dir: &Path, label: &str) -> Result<Child, String> {
    let file =
        |ext: &str| fs::File::create(dir.join(format!("{label}.{ext}"))).map_err(|e| e.to_string());
    Command::new(&argv[0])
        .args(&argv[1..])
        .current_dir(dir)
        .env_remove("LD_LIBRARY_PATH")
        .stdin(Stdio::null())
        .stdout(file("out")?)
        .stderr(file("err")?)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", argv[0]))
}

/// Starts the processes (server first) and waits for all of them.
fn run(sc: &Scenario) -> Vec<Ran> {
    let dir = common::scratch(&format!("traffic-{}", sc.name));
    let mut children: Vec<(usize, Option<Child>, Option<String>)> = Vec::new();
    for (i, p) in sc.procs.iter().enumerate() {
        match spawn(&p.argv, &dir, p.label) {
            Ok(c) => children.push((i, Some(c), None)),
            Err(e) => children.push((i, None, Some(e))),
        }
        if i == 0 {
            thread::sleep(SERVER_START);
        }
    }
    let start = Instant::now();
    loop {
        let mut running = false;
        for (_, child, result) in children.iter_mut() {
            if let Some(c) = child {
                match c.try_wait() {
                    Ok(Some(st)) => {
                        *result = Some(st.to_string());
                        *child = None;
                    }
                    Ok(None) if start.elapsed() > TIMEOUT => {
                        let _ = c.kill();
                        let _ = c.wait();
                        *result = Some(format!("killed after {} s", TIMEOUT.as_secs()));
                        *child = None;
                    }
                    Ok(None) => running = true,
                    Err(e) => {
                        *result = Some(e.to_string());
                        *child = None;
                    }
                }
            }
        }
        if !running {
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    children
        .into_iter()
        .map(|(i, _, status)| {
            let status = status.unwrap_or_default();
            Ran {
                label: sc.procs[i].label,
                dir: dir.clone(),
                ok: status == "exit status: 0",
                status,
            }
        })
        .collect()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The cumulative column of a line of sipp's screen report.
fn sipp_count(screen: &str, what: &str) -> Option<u32> {
    let line = screen.lines().rev().find(|l| l.contains(what))?;
    line.split('|').nth(2)?.trim().parse().ok()
}

/// The problems of one process, or an empty string.
fn check(p: &Proc, r: &Ran) -> String {
    let mut problems = Vec::new();
    if let Expect::GivesUp { .. } = p.expect {
        if r.status != "exit status: 1" {
            problems.push(format!("exit: {} (want exit status 1)", r.status));
        }
    } else if !r.ok {
        problems.push(format!("exit: {}", r.status));
    }
    let out = read(&r.dir.join(format!("{}.out", r.label)));
    let err = read(&r.dir.join(format!("{}.err", r.label)));
    let mut extra = String::new();
    match p.expect {
        Expect::Sipp { calls } => {
            let screen = fs::read_dir(&r.dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.to_string_lossy().ends_with("_screen.log"))
                .map(|p| read(&p))
                .unwrap_or_default();
            let ok = sipp_count(&screen, "Successful call");
            let failed = sipp_count(&screen, "Failed call");
            if ok != Some(calls) || failed != Some(0) {
                problems.push(format!(
                    "sipp: successful calls {ok:?} (want {calls}), failed calls {failed:?} (want 0)"
                ));
            }
            for e in fs::read_dir(&r.dir).into_iter().flatten().flatten() {
                if e.path().to_string_lossy().ends_with("_errors.log") {
                    extra.push_str(&format!("\n  sipp errors:\n{}", tail(&read(&e.path()), 20)));
                }
            }
        }
        Expect::GivesUp { says } => {
            if !out.contains(says) {
                problems.push(format!("the output does not say {says:?}"));
            }
        }
        Expect::Ours { lossy } => {
            if !out.contains("transactions left: ict 0 ist 0 nict 0 nist 0 ixt 0;") {
                problems.push("transactions were left (see the summary line)".into());
            }
            let lost: u32 = out
                .split("lost on purpose ")
                .skip(1)
                .filter_map(|s| s.split(')').next()?.parse::<u32>().ok())
                .sum();
            if lossy && lost == 0 {
                problems.push("no datagram was dropped: the loss option did nothing".into());
            }
        }
    }
    if problems.is_empty() {
        return String::new();
    }
    format!(
        "  [{}] {}\n  stdout (tail):\n{}\n  stderr (tail):\n{}{extra}\n",
        r.label,
        problems.join("; "),
        tail(&out, 25),
        tail(&err, 25)
    )
}

#[test]
fn calls_complete_over_udp() {
    if !common::tool("sipp", "-v", "sip-tester") {
        return;
    }
    let list = scenarios();
    let verdicts: Vec<(String, Duration)> = thread::scope(|s| {
        let handles: Vec<_> = list
            .iter()
            .map(|sc| {
                s.spawn(move || {
                    let start = Instant::now();
                    let ran = run(sc);
                    let problems = sc
                        .procs
                        .iter()
                        .zip(&ran)
                        .map(|(p, r)| check(p, r))
                        .collect::<String>();
                    (problems, start.elapsed())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| ("panicked".into(), Duration::ZERO))
            })
            .collect()
    });
    // Written around libtest's output capture, so the lines show on success too.
    let mut stderr = std::io::stderr();
    let mut failed = Vec::new();
    for (sc, (problems, took)) in list.iter().zip(&verdicts) {
        let verdict = if problems.is_empty() { "ok" } else { "FAILED" };
        let _ = writeln!(
            stderr,
            "traffic: {} ({:?} build): {verdict} in {:.1} s",
            sc.name,
            sc.side,
            took.as_secs_f64()
        );
        if !problems.is_empty() {
            let _ = writeln!(stderr, "{problems}");
            failed.push(sc.name.as_str());
        }
    }
    let _ = writeln!(
        stderr,
        "traffic: {} passed, {} failed",
        list.len() - failed.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "traffic scenarios failed: {failed:?}");
}
