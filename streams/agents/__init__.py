"""Agents: thin Faust loops around the pure stages."""
