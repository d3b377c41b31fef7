"""What every app stands on: the tenancy door, view access declarations and money.

Nothing here imports a Django app of this project (models are looked up through
``django.apps`` when needed), so every app may import from here and nothing here
points back up.
"""
