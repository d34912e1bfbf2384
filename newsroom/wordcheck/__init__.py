"""The word check (敏感词/错别字): the channel's word list, the matcher, and the one publishing rule."""
