//! Typed model of the Amazon States Language (both query languages).
