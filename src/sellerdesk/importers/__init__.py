"""The import engine: reading messy files, finding headers, mapping columns and cleaning values.

Qt-free; the service layer (``services/importing``) drives it and the GUI wizard shows its objects.
"""
