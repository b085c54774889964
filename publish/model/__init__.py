"""What every stage shares, declared once as data: the table of editions (editions), the schema of
the front matter and the series settings (front_matter), and the publication as the editions see
it (publication: its full title, its CSL item, its dates). Below the source stage and the
editions alike; imports nothing heavy, so that `doit list` stays light."""
