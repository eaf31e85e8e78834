"""The floor: what a bare Django 6 view costs on this machine, served beside the product in the same run."""
