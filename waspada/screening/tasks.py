from django_tasks import task

from waspada.screening.services import run_backtest, run_screening


@task()
def run_screening_task(run_id: int) -> int:
    """Background bulk screening (policy changes, new facts, web imports)."""
    return run_screening(run_id).processed


@task()
def run_backtest_task(run_id: int) -> int:
    """Background backtest of a draft policy; the run keeps the result."""
    return run_backtest(run_id).processed
