//! `cargo bench --bench routes`: what 2-opt costs and buys over plain nearest-neighbour in the
//! courier route planner (`vitrine_delivery::route`), for 10, 50 and 200 drops.
//!
//! Each size uses 16 random instances (start and drops uniform within ±0.1° of central Almaty,
//! fixed seed, no pickups, so `plan` is exactly nearest-neighbour + 2-opt over the drops). Both
//! functions are called round-robin over the instances until ROUTES_BENCH_SECONDS (default 1) have
//! passed. Columns: time per call of `nearest_neighbour` and of `plan`, their ratio, the mean
//! route length of each and the length ratio (2-opt / NN). Absolute times depend on the machine;
//! read the ratios, and treat them as one run's figures.

use std::hint::black_box;
use std::time::{Duration, Instant};
use vitrine_delivery::route::{nearest_neighbour, path_length, plan, Point};

const SIZES: [usize; 3] = [10, 50, 200];
const INSTANCES: usize = 16;
/// No pickups: `plan` then times NN + 2-opt over the drops alone.
const NO_PICKUPS: &[Point] = &[];
const SEED: u64 = 0x0a1a_7e57_0000_0001;

/// xorshift64*: reproducible instances without a rand dependency.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn near_almaty(&mut self) -> Point {
        Point {
            latitude: 43.2 + (self.unit() * 2.0 - 1.0) * 0.1,
            longitude: 76.9 + (self.unit() * 2.0 - 1.0) * 0.1,
        }
    }
}

struct Instance {
    start: Point,
    drops: Vec<Point>,
}

/// Calls `run` on the instances round-robin until `budget` has passed; returns time per call.
/// The clock is read once per sweep over all instances, not per call, so it does not dominate the
/// microsecond-scale nearest-neighbour runs.
fn time_per_call(instances: &[Instance], budget: Duration, mut run: impl FnMut(&Instance)) -> Duration {
    // Warm-up: fault in allocations and caches before measuring.
    for instance in instances {
        run(instance);
    }
    let began = Instant::now();
    let mut calls = 0u32;
    loop {
        for instance in instances {
            run(instance);
        }
        calls += instances.len() as u32;
        let elapsed = began.elapsed();
        if elapsed >= budget {
            return elapsed / calls;
        }
    }
}

fn main() {
    let budget = Duration::from_secs_f64(
        std::env::var("ROUTES_BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1.0),
    );
    let mut rng = Rng(SEED);

    println!(
        "{:>5}  {:>12}  {:>14}  {:>10}  {:>11}  {:>12}  {:>12}",
        "drops", "NN time", "NN+2-opt time", "time ratio", "NN length", "2-opt length", "length ratio"
    );
    for &n in &SIZES {
        let instances: Vec<Instance> = (0..INSTANCES)
            .map(|_| Instance {
                start: rng.near_almaty(),
                drops: (0..n).map(|_| rng.near_almaty()).collect(),
            })
            .collect();

        let nn_time = time_per_call(&instances, budget, |i| {
            black_box(nearest_neighbour(black_box(i.start), black_box(&i.drops)));
        });
        let plan_time = time_per_call(&instances, budget, |i| {
            black_box(plan(
                black_box(i.start),
                black_box(NO_PICKUPS),
                black_box(&i.drops),
            ));
        });

        // Lengths outside the timed loops: mean over the instances.
        let (mut nn_length, mut plan_length) = (0.0, 0.0);
        for i in &instances {
            nn_length += path_length(i.start, &i.drops, &nearest_neighbour(i.start, &i.drops));
            plan_length += plan(i.start, NO_PICKUPS, &i.drops).total_m;
        }
        nn_length /= INSTANCES as f64;
        plan_length /= INSTANCES as f64;

        println!(
            "{:>5}  {:>12}  {:>14}  {:>9.1}×  {:>9.1} km  {:>9.1} km  {:>12.3}",
            n,
            format_duration(nn_time),
            format_duration(plan_time),
            plan_time.as_secs_f64() / nn_time.as_secs_f64(),
            nn_length / 1000.0,
            plan_length / 1000.0,
            plan_length / nn_length,
        );
    }
}

fn format_duration(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    if ns < 1e3 {
        format!("{ns:.0} ns")
    } else if ns < 1e6 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}
