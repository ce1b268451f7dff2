"""Settings for the test suite: the real settings with a throwaway key and a cheap hasher.

Everything else (database, CSP, throttling, language) is exactly what production runs.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-never-used-in-production-000")
os.environ.setdefault("WASPADA_SECURE_COOKIES", "0")

from waspada.settings import *  # noqa: F403

# Still Argon2, with a small memory cost so that creating personas stays fast.
PASSWORD_HASHERS = ["waspada.core.hashers.FastArgon2PasswordHasher"]
