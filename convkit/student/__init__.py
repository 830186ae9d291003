"""What students get beside their notebook, as source.

``convkit_student.py`` is not part of the kit at run time: ``convkit build`` copies it into
every assignment's student folder (and the solutions), where the notebook loads it with
``%reload_ext convkit_student``. It imports only otter, IPython and the standard library.
"""
