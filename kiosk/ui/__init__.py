"""The Qt side: widgets that draw what the session decides, the speaker, the speech worker."""
