//! Recognition runs at a lower CPU priority than the media and signalling tasks, so that a busy
//! recogniser on a small machine never delays the RTP packet due every 20 ms. Nothing is lost:
//! the recogniser still gets every cycle the media tasks leave, which on 2 cores is nearly all.

/// How much nicer than the service the background threads are (Linux niceness is per thread).
pub const BACKGROUND_NICENESS: i32 = 10;

/// Lowers the calling thread's CPU priority by [`BACKGROUND_NICENESS`] (at most to 19, the
/// lowest); returns the thread's niceness after, or `None` where that is not possible.
pub fn lower_this_thread() -> Option<i32> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid, getpriority and setpriority take no pointers and act on this thread only;
        // making oneself nicer needs no privilege.
        let tid = unsafe { libc::gettid() } as libc::id_t;
        let now = unsafe { libc::getpriority(libc::PRIO_PROCESS, tid) };
        let wanted = (now + BACKGROUND_NICENESS).min(19);
        if unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, wanted) } != 0 {
            tracing::debug!(error = %std::io::Error::last_os_error(), "cannot lower a recognition thread's priority");
            return None;
        }
        Some(unsafe { libc::getpriority(libc::PRIO_PROCESS, tid) })
    }
    #[cfg(not(target_os = "linux"))]
    None
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn niceness() -> i32 {
        // SAFETY: as above.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    fn only_the_calling_thread_becomes_nicer() {
        let before = niceness();
        let after = std::thread::spawn(lower_this_thread).join().unwrap();
        assert_eq!(after, Some((before + BACKGROUND_NICENESS).min(19)), "the recognition thread is nicer");
        assert_eq!(niceness(), before, "the other threads keep their priority");
    }
}
