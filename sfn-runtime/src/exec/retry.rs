//! Retry timing: `IntervalSeconds × BackoffRate^(k−1)`, capped by `MaxDelaySeconds`, with
//! `JitterStrategy: FULL` drawing uniformly in [0, d] from the execution's seeded generator.

use super::random::Rng;
use crate::asl::{JitterStrategy, Retrier};

/// The wait in milliseconds before retry number `k` (1-based) of `retrier`.
pub(crate) fn delay_ms(retrier: &Retrier, k: u64, rng: &mut Rng) -> i64 {
    let exponent = i32::try_from(k.saturating_sub(1)).unwrap_or(i32::MAX);
    let mut seconds = retrier.interval() as f64 * retrier.backoff().powi(exponent);
    if let Some(max) = retrier.max_delay_seconds {
        seconds = seconds.min(max as f64);
    }
    if retrier.jitter_strategy == Some(JitterStrategy::Full) {
        seconds *= rng.next_f64();
    }
    // Cap at the largest interval ASL allows so the clock never overflows.
    (seconds.min(99_999_999.0) * 1000.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn retrier(value: serde_json::Value) -> Retrier {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn backoff_and_cap() {
        let mut rng = Rng::new(0);
        let r = retrier(json!({"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 2}));
        assert_eq!(
            (delay_ms(&r, 1, &mut rng), delay_ms(&r, 2, &mut rng)),
            (3000, 6000)
        );
        let r = retrier(
            json!({"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 2, "MaxDelaySeconds": 4}),
        );
        assert_eq!(delay_ms(&r, 2, &mut rng), 4000);
        let r = retrier(json!({"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 1.5}));
        assert_eq!(delay_ms(&r, 2, &mut rng), 4500);
    }

    #[test]
    fn full_jitter_is_seeded_and_bounded() {
        let r =
            retrier(json!({"ErrorEquals": ["E"], "IntervalSeconds": 10, "JitterStrategy": "FULL"}));
        let a: Vec<i64> = (1..5).map(|k| delay_ms(&r, k, &mut Rng::new(9))).collect();
        let b: Vec<i64> = (1..5).map(|k| delay_ms(&r, k, &mut Rng::new(9))).collect();
        assert_eq!(a, b);
        assert!(
            a.iter()
                .enumerate()
                .all(|(i, d)| *d >= 0 && *d <= 10_000 * (1 << i)),
            "{a:?}"
        );
    }
}
