"""The demo: `waspada demo` and `waspada demo-users` fill a local installation with
believable data, in ordered idempotent steps (`steps.py`) that go through the real
services. Nothing outside this app imports it; the synthetic applications themselves come
from the pure `waspada.synthetic` package, which the tests and benchmarks use too."""
