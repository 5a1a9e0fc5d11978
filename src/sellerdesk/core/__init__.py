"""Pure domain code: value types, rules and errors. Imports nothing heavy."""
