"""Front-page curation: the editors' 头条 and 推荐 on the channel home, and each section's 置顶 order."""
