"""Waspada: preventing human trafficking (TPPO) at passport issuance."""
