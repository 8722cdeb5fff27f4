"""The tools room: commands built on the conversion pipeline (`api`), never below it.

`commands` (agx convert), `files` (reading and atomic writing), `golden` (agx golden),
`check` (agx check). Nothing in the pipeline imports from here.
"""
