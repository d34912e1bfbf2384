"""Articles (稿件): their models and what readers may see of them."""
