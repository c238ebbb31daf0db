//! User-defined task types: the derive that describes one (`derive`) and the lowering and
//! expansion of a state that uses one by path (`state`, `expand`).

pub mod derive;
pub mod expand;
pub mod parse;
pub mod state;
