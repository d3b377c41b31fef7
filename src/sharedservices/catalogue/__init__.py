"""The services councils provide and share: the service-area taxonomy.

The register, business cases and Find partners all speak of service areas, so the
taxonomy lives here, below the feature apps, and each of them imports it downwards.
"""
