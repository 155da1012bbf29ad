"""Figure builders for the notebooks: each returns a figure object; saving is separate (see ``save``)."""
