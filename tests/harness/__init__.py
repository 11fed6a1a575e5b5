"""Real servers on loopback that the test suite starts and stops itself."""
