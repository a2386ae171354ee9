"""The matplotlib pointer picture the kit drew before its SVG renderer, kept only as the
reference the draw benchmark measures the SVG renderer against (same process, same story)."""
