"""Chinese search: words segmented with jieba at index and query time, on Wagtail's database backends."""
