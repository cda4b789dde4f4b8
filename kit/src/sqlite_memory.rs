//! How SQLite allocates, set once per process before its first connection opens
//! (`sqlite3_config` works only then; later it returns `SQLITE_MISUSE` and changes nothing).
//!
//! - No memory statistics (`SQLITE_CONFIG_MEMSTATUS`): on by default, they take one global
//!   mutex around every allocation and free, and nothing here reads them.
//! - mimalloc instead of the C library's malloc (`SQLITE_CONFIG_MALLOC`): sqlx copies each
//!   value of each row on its SQLite worker thread (`sqlite3_value_dup`) and frees it on a
//!   tokio thread when the row is dropped, which glibc's malloc pays for in its slow paths
//!   (about 9 % of a catalog request's instructions went to glibc's malloc and free). mimalloc
//!   is Rust's allocator in this binary already, and frees across threads cheaply.

use libsqlite3_sys as ffi;
use std::ffi::{c_int, c_void};

// In the mimalloc library that `libmimalloc-sys` links (its `extended` bindings would pull
// in another crate for two declarations).
extern "C" {
    fn mi_usable_size(p: *const c_void) -> usize;
    fn mi_good_size(size: usize) -> usize;
}

unsafe extern "C" fn malloc(size: c_int) -> *mut c_void {
    match usize::try_from(size) {
        Ok(size) => libmimalloc_sys::mi_malloc(size),
        Err(_) => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn free(p: *mut c_void) {
    libmimalloc_sys::mi_free(p);
}

unsafe extern "C" fn realloc(p: *mut c_void, size: c_int) -> *mut c_void {
    match usize::try_from(size) {
        Ok(size) => libmimalloc_sys::mi_realloc(p, size),
        Err(_) => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn size(p: *mut c_void) -> c_int {
    c_int::try_from(mi_usable_size(p)).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn roundup(size: c_int) -> c_int {
    match usize::try_from(size) {
        Ok(size) => c_int::try_from(mi_good_size(size)).unwrap_or(size as c_int),
        Err(_) => size,
    }
}

unsafe extern "C" fn init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn shutdown(_: *mut c_void) {}

/// Configures SQLite's allocation (see the module); a no-op after the first call, and if
/// SQLite was initialised already (then it is logged and the defaults stay).
pub fn configure() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SQLite copies the methods before sqlite3_config returns.
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(malloc),
            xFree: Some(free),
            xRealloc: Some(realloc),
            xSize: Some(size),
            xRoundup: Some(roundup),
            xInit: Some(init),
            xShutdown: Some(shutdown),
            pAppData: std::ptr::null_mut(),
        };
        // SAFETY: configuration calls with the arguments the C API documents (an int; a
        // pointer to a complete sqlite3_mem_methods whose functions are thread-safe, as
        // mimalloc is). The Once keeps them from racing each other, and they run before the
        // process opens its first SQLite connection.
        let statistics = unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) };
        let allocator = unsafe {
            ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_MALLOC,
                &methods as *const ffi::sqlite3_mem_methods,
            )
        };
        if statistics != ffi::SQLITE_OK || allocator != ffi::SQLITE_OK {
            tracing::debug!(
                statistics,
                allocator,
                "SQLite was initialised already; its allocation stays as it was"
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    // Whether SQLite takes these is checked in its own process (kit/tests/sqlite_memory.rs).
    #[test]
    fn sizes_round_up_and_impossible_ones_are_refused() {
        // SAFETY: functions of sizes, and mimalloc's own functions on what it returned.
        unsafe {
            assert!(roundup(1) >= 1);
            assert!(roundup(1000) >= 1000);
            assert!(malloc(-1).is_null());
            let p = malloc(100);
            assert!(size(p) >= 100);
            let p = realloc(p, 5000);
            assert!(size(p) >= 5000);
            free(p);
        }
    }
}
