"""Reporters and correspondents (记者、通讯员): their models and what readers may see of them."""
