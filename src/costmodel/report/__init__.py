"""Words and pictures: terminal/Markdown/CSV rendering, Danish number formats, plots, the memo and the exports."""
