from django_tasks import task

from waspada.training.services import run_generation


@task()
def generate_exercises_task(run_id: int) -> int:
    """Background generation of exercises from decided applications."""
    return run_generation(run_id).created_count
