"""The situation board: the page an analyst keeps open (``GET /``), and the views behind it.

``view`` builds what the page and ``newsalert alerts`` show from story and control state (pure);
``actions`` turns an acknowledgement or a silence into a story action; ``assets`` serves the page's
own files (``static/``) from the package.
"""
