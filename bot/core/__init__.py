"""The platform-neutral command core: query in, reply model out. No chat SDK here."""
