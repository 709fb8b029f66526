//! Which square of the image becomes the photo: the admin moves and zooms it in the
//! preview; by default the largest square, centred.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the square sits: its centre as fractions of the (upright) image's width and height,
/// and how far it is zoomed in (1 = the largest square that fits).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Crop {
    pub center_x: f32,
    pub center_y: f32,
    pub zoom: f32,
}

impl Default for Crop {
    fn default() -> Self {
        Self {
            center_x: 0.5,
            center_y: 0.5,
            zoom: 1.0,
        }
    }
}

/// A square in pixels of a particular image (fractional, for the resizer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Square {
    pub left: f64,
    pub top: f64,
    pub side: f64,
}

impl Crop {
    /// The zoom used: at least 1, and never closer than `min_side` pixels of the image's
    /// `short_side` (the admin cannot zoom into a blur). Values that are not numbers fall
    /// back to the default.
    pub(crate) fn zoom(&self, short_side: u32, min_side: u32) -> f64 {
        let zoom = if self.zoom.is_finite() {
            f64::from(self.zoom).max(1.0)
        } else {
            1.0
        };
        let closest = (f64::from(short_side) / f64::from(min_side.max(1))).max(1.0);
        zoom.min(closest)
    }

    /// The square in an image of `width` × `height`, moved inside it where the centre is
    /// too close to an edge.
    pub(crate) fn square(&self, width: u32, height: u32, zoom: f64) -> Square {
        let (width, height) = (f64::from(width), f64::from(height));
        let side = width.min(height) / zoom;
        let place = |centre: f32, length: f64| {
            let centre = if centre.is_finite() {
                f64::from(centre).clamp(0.0, 1.0)
            } else {
                0.5
            };
            (centre * length - side / 2.0).clamp(0.0, length - side)
        };
        Square {
            left: place(self.center_x, width),
            top: place(self.center_y, height),
            side,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_largest_centred_square() {
        let crop = Crop::default();
        let square = crop.square(300, 4000, crop.zoom(300, 64));
        assert_eq!(
            square,
            Square {
                left: 0.0,
                top: 1850.0,
                side: 300.0
            }
        );
    }

    #[test]
    fn a_square_stays_inside_the_image() {
        let crop = Crop {
            center_x: 1.0,
            center_y: 0.0,
            zoom: 2.0,
        };
        let square = crop.square(1000, 800, crop.zoom(800, 64));
        assert_eq!(
            square,
            Square {
                left: 600.0,
                top: 0.0,
                side: 400.0
            }
        );
    }

    #[test]
    fn zoom_is_kept_between_one_and_the_smallest_square() {
        let zoomed = |zoom| Crop {
            zoom,
            ..Crop::default()
        };
        assert_eq!(zoomed(0.2).zoom(1000, 64), 1.0);
        assert_eq!(zoomed(f32::NAN).zoom(1000, 64), 1.0);
        assert_eq!(zoomed(100.0).zoom(640, 64), 10.0);
        assert_eq!(zoomed(3.0).zoom(64, 64), 1.0);
    }
}
