"""An import-linter contract type for this project's layers (see ``.importlinter``).

A plain ``layers`` contract must name every app, so a new feature app would sit outside
the rules until someone remembered to list it. Here a layer written ``*`` stands for
every child of the container that no other layer names: a new app lands in that layer the
moment it exists and may import the layers below it, never anything above. The apps in it
are independent of each other (they may not import one another), so no import loop can
hide among unnamed apps: to depend on another app, an app is given its place in the order.
"""

from __future__ import annotations

from importlinter.contracts.layers import Layer, LayersContract, ModuleTail

REST = "*"


class AppLayersContract(LayersContract):
    type_name = "app_layers"

    def check(self, graph, verbose):
        named = {t.name for layer in self.layers for t in layer.module_tails if t.name != REST}
        rest: set[str] = set()
        for container in self.containers:
            prefix = f"{container.expression}."
            rest |= {
                child.removeprefix(prefix) for child in graph.find_children(container.expression)
            } - named
        self.layers = [
            Layer({ModuleTail(name) for name in sorted(rest)}, is_independent=True)
            if any(t.name == REST for t in layer.module_tails)
            else layer
            for layer in self.layers
        ]
        return super().check(graph, verbose)
