//! What the caches of a [`FontSet`](crate::fonts::FontSet) are made of.
//!
//! Each layer above `fonts` (shaping, layout, embedding, PDF, SVG) keeps
//! its own cache, defined in its own module, and the font set carries them
//! for its lifetime without naming their types: it holds [`Slots`], and a
//! layer asks for its cache by type. So `fonts` imports none of the layers
//! that import it. [`Bounded`] is the map those caches are.

use std::any::Any;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, OnceLock};

/// One value of each type asked for, made on first use and kept as long as
/// the slots are. A layer keeps its own type (a newtype around a
/// [`Bounded`]), never a bare generic one another layer might also ask for.
#[derive(Default)]
pub(crate) struct Slots {
    slots: [OnceLock<Box<dyn Any + Send + Sync>>; Slots::CAPACITY],
}

impl Slots {
    /// More than the layers there are (five).
    const CAPACITY: usize = 8;

    /// The one `T` of these slots.
    pub(crate) fn get<T: Any + Default + Send + Sync>(&self) -> &T {
        // Slots are filled in order and never emptied, so the first one that
        // holds a `T` or is empty is where the `T` is or goes, for every
        // thread alike: `get_or_init` lets one thread fill it.
        for slot in &self.slots {
            let value = slot.get_or_init(|| Box::new(T::default()));
            if let Some(found) = value.downcast_ref::<T>() {
                return found;
            }
        }
        panic!(
            "a font set holds at most {} caches; raise Slots::CAPACITY",
            Self::CAPACITY
        )
    }
}

/// A map that is cleared when full. The working sets are small (a merge
/// repeats the same words, paragraphs, fonts and logos), so starting afresh
/// now and then costs little and needs no bookkeeping per entry.
pub(crate) struct Bounded<K, V, const LIMIT: usize> {
    map: Mutex<HashMap<K, V>>,
}

impl<K, V, const LIMIT: usize> Default for Bounded<K, V, LIMIT> {
    fn default() -> Self {
        Bounded {
            map: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone, const LIMIT: usize> Bounded<K, V, LIMIT> {
    pub(crate) fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.lock().get(key).cloned()
    }

    pub(crate) fn put(&self, key: K, value: V) {
        let mut map = self.lock();
        if map.len() >= LIMIT {
            map.clear();
        }
        map.insert(key, value);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, V>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a panic is the failure report
mod tests {
    use super::*;

    #[derive(Default)]
    struct A(Bounded<u8, u8, 2>);
    #[derive(Default)]
    struct B(Bounded<u8, u8, 2>);

    #[test]
    fn each_type_has_one_value_of_its_own() {
        let slots = Slots::default();
        slots.get::<A>().0.put(1, 10);
        slots.get::<B>().0.put(1, 20);
        assert_eq!(slots.get::<A>().0.get(&1), Some(10));
        assert_eq!(slots.get::<B>().0.get(&1), Some(20));
        assert!(std::ptr::eq(slots.get::<A>(), slots.get::<A>()));
    }

    #[test]
    fn threads_asking_at_once_share_the_one_value() {
        let slots = Slots::default();
        let found: Vec<(usize, usize)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let slots = &slots;
                    s.spawn(move || {
                        // Half ask for A first, half for B.
                        let (a, b) = if i % 2 == 0 {
                            (slots.get::<A>() as *const A, slots.get::<B>() as *const B)
                        } else {
                            let b = slots.get::<B>() as *const B;
                            (slots.get::<A>() as *const A, b)
                        };
                        (a as usize, b as usize)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(found.windows(2).all(|w| w[0] == w[1]), "{found:?}");
    }

    #[test]
    fn a_full_map_starts_afresh() {
        let map: Bounded<u8, u8, 2> = Bounded::default();
        map.put(1, 1);
        map.put(2, 2);
        map.put(3, 3);
        assert_eq!((map.get(&1), map.get(&3)), (None, Some(3)));
    }
}
