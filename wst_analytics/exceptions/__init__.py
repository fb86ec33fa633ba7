"""Exception reporting for the Integrated Assurance Lead: what needs attention, and why."""
