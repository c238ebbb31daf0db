//! One file per state type: what the state does between its Entered and Exited events.

mod choice;
mod fail;
mod map;
mod parallel;
mod pass;
mod succeed;
mod task;
mod wait;
