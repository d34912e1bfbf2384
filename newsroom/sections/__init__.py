"""The channel home and its sections (栏目): their models and what readers may see of them."""
