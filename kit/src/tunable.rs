//! A setting that may change while the process runs (see [`crate::settings`]): every clone
//! reads the current value.

use std::sync::{Arc, RwLock};

#[derive(Clone)]
pub struct Tunable<T>(Arc<RwLock<T>>);

impl<T: Copy> Tunable<T> {
    pub fn new(value: T) -> Tunable<T> {
        Tunable(Arc::new(RwLock::new(value)))
    }

    pub fn get(&self) -> T {
        *self.0.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn set(&self, value: T) {
        *self.0.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = value;
    }
}

impl<T: Copy + std::fmt::Debug> std::fmt::Debug for Tunable<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_clone_sees_a_change() {
        let scale = Tunable::new(10.0);
        let seen_by_the_kitchen = scale.clone();
        scale.set(1000.0);
        assert_eq!(seen_by_the_kitchen.get(), 1000.0);
    }
}
