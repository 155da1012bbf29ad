"""Figure builders for the notebooks: each returns a figure object; saving is separate (``style.save_*``)."""
