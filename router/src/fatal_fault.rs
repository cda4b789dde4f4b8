//! A thread that faults (a stack overflow runs into its guard page) ends the process, with a line
//! on stderr. ntex-rt's own SIGSEGV handler prints a backtrace and *returns*: the faulting
//! instruction runs again, faults again, and the thread spins for ever at 100 % CPU while each
//! backtrace grows memory; /health stops answering once every worker is caught. That was the
//! "nesting hang" (docs/security.md): a supervisor restarts a process that exits, not one that
//! spins.

/// Exit code for a fault: 128 + the signal, as a shell reports a process it killed.
fn exit_code(signal: libc::c_int) -> libc::c_int {
    128 + signal
}

/// Replaces ntex-rt's SIGSEGV and SIGBUS handlers with [`on_fault`]. Call inside the ntex
/// System before the server starts: ntex installs its handlers once, when signals are first
/// enabled, so this enables them first (the server's own call is then a no-op, and SIGTERM,
/// SIGINT and SIGQUIT keep ntex's graceful handling) and replaces the fault handlers after.
pub fn exit_on_fault() {
    hive_router::ntex::rt::System::current().enable_signals();
    let handler: extern "C" fn(libc::c_int) = on_fault;
    // SAFETY: `action` is fully initialised (zeroed, then its handler, flags and empty mask set)
    // before `sigaction` reads it, and `on_fault` is async-signal-safe.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as libc::sighandler_t;
        // On the thread's alternate stack (Rust's threads have one): the faulting stack is full.
        action.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        for signal in [libc::SIGSEGV, libc::SIGBUS] {
            if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
                tracing::error!(signal, "could not replace ntex-rt's fault handler");
            }
        }
    }
}

/// Writes one line and exits: nothing here allocates, locks or unwinds, which a signal handler
/// on a broken thread may not do.
extern "C" fn on_fault(signal: libc::c_int) {
    const MESSAGE: &[u8] =
        b"vitrine: a thread faulted (SIGSEGV or SIGBUS, most likely its stack overflowed); exiting\n";
    // SAFETY: `write` and `_exit` are async-signal-safe; MESSAGE outlives the call.
    unsafe {
        libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
        libc::_exit(exit_code(signal));
    }
}

#[cfg(test)]
mod tests {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    /// Set in the child process this test starts, which overflows a thread's stack.
    const CHILD: &str = "VITRINE_FAULT_TEST_CHILD";

    #[test]
    fn a_stack_overflow_ends_the_process_instead_of_spinning() {
        if std::env::var_os(CHILD).is_some() {
            overflow_inside_an_ntex_system();
        }
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "fatal_fault::tests::a_stack_overflow_ends_the_process_instead_of_spinning",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // With ntex-rt's handler the child never ends (it spins); ending at all is the point.
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(30) {
                child.kill().unwrap();
                panic!("the faulting process was still running after 30 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.code(), Some(super::exit_code(libc::SIGSEGV)), "{stderr}");
        assert!(stderr.contains("vitrine: a thread faulted"), "{stderr}");
    }

    /// What `serve` does before the server starts, then a thread that recurses without end.
    fn overflow_inside_an_ntex_system() -> ! {
        use hive_router::ntex;
        ntex::rt::System::build()
            .name("fault")
            .build(ntex::rt::DefaultRuntime)
            .block_on(async {
                super::exit_on_fault();
                std::thread::Builder::new()
                    .stack_size(256 << 10)
                    .spawn(|| recurse(0))
                    .unwrap()
                    .join()
                    .ok();
            });
        unreachable!("the overflow ends the process")
    }

    /// Recurses until the stack runs out (the bound is never reached first).
    fn recurse(depth: u64) -> u64 {
        let frame = std::hint::black_box([depth; 64]);
        if std::hint::black_box(depth) == u64::MAX {
            return frame[0];
        }
        recurse(depth + 1) + frame[depth as usize % 64]
    }
}
