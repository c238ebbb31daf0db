//! Each state's name as a JSON string, made once per executor (on the state's first
//! event) and shared by every history event that names the state (two per visit, more in
//! a Map).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::details::Payload;
use crate::asl::States;

/// The names of a definition's states (nested ones included), by the address of the name
/// in the definition: the executor keeps the definition alive, so the address identifies
/// the name, and looking it up hashes one word instead of the text. Each value is made
/// when first asked for: building the executor allocates nothing per state, and a state
/// that never runs (or a run without history) never pays for its name.
#[derive(Debug, Default)]
pub(crate) struct NameValues {
    by_address: HashMap<(usize, usize), OnceLock<Payload>, BuildHasherDefault<AddressHasher>>,
}

impl NameValues {
    /// The table for the states of `states` and everything nested in them (`count` of
    /// them).
    pub(crate) fn of(states: &States, count: usize) -> NameValues {
        let mut table = NameValues {
            by_address: HashMap::with_capacity_and_hasher(count, Default::default()),
        };
        table.add(states);
        table
    }

    fn add(&mut self, states: &States) {
        for (name, state) in states {
            self.by_address.insert(key(name), OnceLock::new());
            super::nested_scopes(state).for_each(|scope| self.add(scope));
        }
    }

    /// `name` as a shared JSON string; a name from elsewhere than the definition gets a
    /// new one.
    pub(crate) fn get(&self, name: &str) -> Payload {
        let make = || Arc::new(Value::String(name.to_owned()));
        match self.by_address.get(&key(name)) {
            Some(value) => value.get_or_init(make).clone(),
            None => make(),
        }
    }
}

fn key(name: &str) -> (usize, usize) {
    (name.as_ptr() as usize, name.len())
}

/// Hashes machine words by multiplication (the keys are addresses, not attacker input),
/// folded at the end so the low bits, which pick the bucket, depend on every bit of the
/// (aligned, evenly spaced) addresses.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        let product = u128::from(self.0) * 0x9E37_79B9_7F4A_7C15;
        (product as u64) ^ ((product >> 64) as u64)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asl::{State, StateMachine};
    use serde_json::json;

    #[test]
    fn nested_names_are_shared_and_others_made() {
        let machine = StateMachine::from_value(json!({"StartAt": "M", "States": {"M": {
            "Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}
        }}}))
        .unwrap();
        let table = NameValues::of(&machine.states, 2);
        let (inner, _) = match &machine.states["M"] {
            State::Map(m) => m.processor().unwrap().states.get_key_value("In").unwrap(),
            _ => unreachable!(),
        };
        assert!(Arc::ptr_eq(&table.get(inner), &table.get(inner)));
        assert_eq!(*table.get(inner), json!("In"));
        // The same text elsewhere is not the definition's name, but reads the same.
        let copy = String::from("In");
        assert!(!Arc::ptr_eq(&table.get(&copy), &table.get(inner)));
        assert_eq!(*table.get(&copy), json!("In"));
    }
}
