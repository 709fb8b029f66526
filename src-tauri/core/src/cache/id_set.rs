//! Sets of account ids (the table's integer keys), as search and the filters produce them.
//!
//! A broad set (`a` matches most accounts) is a bitmap: one bit per id, so intersecting two
//! of them or counting one is a pass over a few thousand words. A narrow one is a sorted
//! list, which is smaller when fewer than one id in 32 is in it.

/// One bit per id, for ids below `64 * words.len()`; ids beyond are not in the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Bitmap {
    words: Vec<u64>,
}

impl Bitmap {
    /// An empty set that can hold ids below `ids`.
    pub fn with_capacity(ids: usize) -> Self {
        Self {
            words: vec![0; ids.div_ceil(64)],
        }
    }

    pub fn insert(&mut self, id: u32) {
        let at = id as usize / 64;
        if self.words.len() <= at {
            self.words.resize(at + 1, 0);
        }
        self.words[at] |= 1 << (id % 64);
    }

    pub fn contains(&self, id: u32) -> bool {
        self.words
            .get(id as usize / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    pub fn len(&self) -> u32 {
        self.words.iter().map(|word| word.count_ones()).sum()
    }

    /// Keeps only the ids `other` holds too.
    pub fn intersect_with(&mut self, other: &Bitmap) {
        for (word, theirs) in self.words.iter_mut().zip(&other.words) {
            *word &= theirs;
        }
        let shared = other.words.len().min(self.words.len());
        self.words[shared..].fill(0);
    }

    /// Keeps only the ids `keep` says yes to.
    pub fn retain(&mut self, keep: impl Fn(u32) -> bool) {
        retain_words(&mut self.words, 0, &keep);
    }

    /// `retain` on two threads: worth it only for a million ids or so.
    pub fn retain_in_parallel(&mut self, keep: impl Fn(u32) -> bool + Sync) {
        let half = self.words.len() / 2;
        let (first, second) = self.words.split_at_mut(half);
        let keep = &keep;
        std::thread::scope(|scope| {
            scope.spawn(move || retain_words(second, half, keep));
            retain_words(first, 0, keep);
        });
    }

    /// The ids, in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(at, &word)| {
            let base = at as u32 * 64;
            Bits(word).map(move |bit| base + bit)
        })
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * size_of::<u64>()
    }

    pub fn shrink_to_fit(&mut self) {
        self.words.shrink_to_fit();
    }
}

/// Clears the bits of `words` (the first of which holds ids from `64 * first`) that `keep`
/// refuses.
fn retain_words(words: &mut [u64], first: usize, keep: &impl Fn(u32) -> bool) {
    for (at, word) in words.iter_mut().enumerate() {
        let base = ((first + at) * 64) as u32;
        for bit in Bits(*word) {
            if !keep(base + bit) {
                *word &= !(1 << bit);
            }
        }
    }
}

/// The set bits of a word, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

/// A set of ids in whichever of the two shapes is smaller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum IdSet {
    /// Sorted, without repeats.
    Sparse(Vec<u32>),
    Dense(Bitmap),
}

impl Default for IdSet {
    fn default() -> Self {
        Self::Sparse(Vec::new())
    }
}

impl IdSet {
    /// The set of `ids`, in any order, repeats allowed.
    pub fn from_ids(mut ids: Vec<u32>) -> Self {
        ids.sort_unstable();
        ids.dedup();
        Self::from_sorted(ids)
    }

    fn from_sorted(ids: Vec<u32>) -> Self {
        let Some(&last) = ids.last() else {
            return Self::default();
        };
        // A bitmap costs 1/8 byte per id up to the last; a list 4 bytes per member.
        if (ids.len() as u64) * 32 < u64::from(last) + 1 {
            let mut ids = ids;
            ids.shrink_to_fit();
            return Self::Sparse(ids);
        }
        let mut bitmap = Bitmap::with_capacity(last as usize + 1);
        for id in ids {
            bitmap.insert(id);
        }
        Self::Dense(bitmap)
    }

    fn from_bitmap(bitmap: Bitmap) -> Self {
        let len = bitmap.len() as usize;
        if len * 32 < bitmap.words.len() * 64 {
            let mut ids = Vec::with_capacity(len);
            ids.extend(bitmap.iter());
            return Self::from_sorted(ids);
        }
        Self::Dense(bitmap)
    }

    pub fn len(&self) -> u32 {
        match self {
            Self::Sparse(ids) => ids.len() as u32,
            Self::Dense(bitmap) => bitmap.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Self::Sparse(ids) => ids.is_empty(),
            Self::Dense(bitmap) => bitmap.words.iter().all(|word| *word == 0),
        }
    }

    pub fn contains(&self, id: u32) -> bool {
        match self {
            Self::Sparse(ids) => ids.binary_search(&id).is_ok(),
            Self::Dense(bitmap) => bitmap.contains(id),
        }
    }

    /// The ids in both sets.
    pub fn intersection(&self, other: &IdSet) -> IdSet {
        match (self, other) {
            (Self::Dense(mine), Self::Dense(theirs)) => {
                let mut both = mine.clone();
                both.intersect_with(theirs);
                Self::from_bitmap(both)
            }
            (Self::Sparse(ids), set) | (set, Self::Sparse(ids)) => {
                Self::Sparse(ids.iter().copied().filter(|id| set.contains(*id)).collect())
            }
        }
    }

    /// The ids of `bitmap` that are also in this set.
    pub fn restrict(&self, bitmap: &Bitmap) -> Bitmap {
        match self {
            Self::Dense(mine) => {
                let mut both = bitmap.clone();
                both.intersect_with(mine);
                both
            }
            Self::Sparse(ids) => {
                let mut both = Bitmap::with_capacity(bitmap.words.len() * 64);
                for &id in ids.iter().filter(|id| bitmap.contains(**id)) {
                    both.insert(id);
                }
                both
            }
        }
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Self::Sparse(ids) => ids.capacity() * size_of::<u32>(),
            Self::Dense(bitmap) => bitmap.heap_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(set: &IdSet) -> Vec<u32> {
        match set {
            IdSet::Sparse(ids) => ids.clone(),
            IdSet::Dense(bitmap) => bitmap.iter().collect(),
        }
    }

    #[test]
    fn a_set_takes_the_smaller_shape() {
        assert!(matches!(IdSet::from_ids(vec![5, 900]), IdSet::Sparse(_)));
        assert!(matches!(
            IdSet::from_ids((0..100).collect()),
            IdSet::Dense(_)
        ));
        assert_eq!(IdSet::from_ids(vec![]), IdSet::Sparse(vec![]));
    }

    #[test]
    fn repeats_and_order_do_not_matter() {
        let set = IdSet::from_ids(vec![9, 3, 3, 700, 9]);
        assert_eq!(ids(&set), vec![3, 9, 700]);
        assert_eq!(set.len(), 3);
        assert!(set.contains(700) && !set.contains(4));
    }

    #[test]
    fn intersections_agree_whatever_the_shapes() {
        let evens = IdSet::from_ids((0..1000).step_by(2).collect());
        let threes = IdSet::from_ids((0..1000).step_by(3).collect());
        let few = IdSet::from_ids(vec![6, 7, 998, 5000]);
        let expected: Vec<u32> = (0..1000).step_by(6).collect();
        assert_eq!(ids(&evens.intersection(&threes)), expected);
        assert_eq!(ids(&evens.intersection(&few)), vec![6, 998]);
        assert_eq!(ids(&few.intersection(&evens)), vec![6, 998]);
        assert_eq!(ids(&few.intersection(&few)), vec![6, 7, 998, 5000]);
        // A small intersection of two broad sets becomes a list.
        let odds = IdSet::from_ids((1..1000).step_by(2).collect());
        let one = IdSet::from_ids(vec![1, 2]).intersection(&odds);
        assert_eq!(ids(&one), vec![1]);
        assert!(evens.intersection(&odds).is_empty());
    }

    #[test]
    fn restricting_a_bitmap_keeps_only_shared_ids() {
        let mut all = Bitmap::with_capacity(200);
        for id in 0..150 {
            all.insert(id);
        }
        let few = IdSet::from_ids(vec![3, 149, 150, 10_000]);
        assert_eq!(few.restrict(&all).iter().collect::<Vec<_>>(), vec![3, 149]);
        let many = IdSet::from_ids((100..300).collect());
        assert_eq!(many.restrict(&all).len(), 50);
    }

    #[test]
    fn retain_in_parallel_matches_retain() {
        let mut one = Bitmap::with_capacity(10_000);
        for id in (0..10_000).step_by(7) {
            one.insert(id);
        }
        let mut two = one.clone();
        one.retain(|id| id % 3 == 0);
        two.retain_in_parallel(|id| id % 3 == 0);
        assert_eq!(one, two);
        assert_eq!(one.iter().next(), Some(0));
        assert!(one.iter().all(|id| id % 21 == 0));
    }
}
