from .readers import load_frames

__all__ = ["load_frames"]
