"""A synthetic national world for scale and speed work (`govkpi generate --scale N`)."""
