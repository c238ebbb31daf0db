//! Rendering speed of the catalogue (what the macro pays per task state).
use criterion::{Criterion, criterion_group, criterion_main};
use sfn_tasks::{QueryLanguage, TaskCall, TaskField, TaskValue};
use std::hint::black_box;

fn field(name: &str, value: TaskValue) -> TaskField {
    TaskField {
        name: name.into(),
        name_loc: 0,
        value,
        value_loc: 0,
    }
}

fn obj(members: Vec<(&str, TaskValue)>) -> TaskValue {
    TaskValue::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), 0, v))
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let sns = TaskCall {
        class: "SnsPublish".into(),
        class_loc: 0,
        fields: vec![
            field(
                "topic",
                TaskValue::Str("arn:aws:sns:us-east-1:123456789012:T".into()),
            ),
            field(
                "message",
                obj(vec![
                    ("a", TaskValue::Path("$.a".into())),
                    ("b", TaskValue::Str("x".into())),
                ]),
            ),
        ],
        query_language: QueryLanguage::JsonPath,
    };
    c.bench_function("render SnsPublish", |b| {
        b.iter(|| sfn_tasks::render(black_box(&sns)))
    });

    let emr = TaskCall {
        class: "EmrCreateCluster".into(),
        class_loc: 0,
        fields: vec![
            field("name", TaskValue::Str("c".into())),
            field(
                "cluster_role",
                TaskValue::Str("arn:aws:iam::1:role/I".into()),
            ),
            field(
                "service_role",
                TaskValue::Str("arn:aws:iam::1:role/S".into()),
            ),
            field(
                "instances",
                obj(vec![(
                    "instance_fleets",
                    TaskValue::Array(vec![(
                        0,
                        obj(vec![
                            ("instance_fleet_type", TaskValue::Ident("master".into())),
                            ("target_on_demand_capacity", TaskValue::Number(1.into())),
                        ]),
                    )]),
                )]),
            ),
        ],
        query_language: QueryLanguage::JsonPath,
    };
    c.bench_function("render EmrCreateCluster", |b| {
        b.iter(|| sfn_tasks::render(black_box(&emr)))
    });

    let typo = TaskCall {
        class: "LambdaInvok".into(),
        class_loc: 0,
        fields: vec![],
        query_language: QueryLanguage::JsonPath,
    };
    c.bench_function("unknown class with suggestion", |b| {
        b.iter(|| sfn_tasks::render(black_box(&typo)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
