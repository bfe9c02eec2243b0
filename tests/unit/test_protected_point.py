"""A protected site's public point (issue 21): about 500 m from the true one (never within 300 m), in a direction
drawn from the site and the portal's key, the same on every request."""
from occupancies.rules import distance_m, shifted_point

KEY = b"k" * 32
PLACE = (50.8539, 4.3360)


def test_the_public_point_lies_about_500_m_away_and_is_the_same_every_time():
    for site_id in range(1, 200):
        point = shifted_point(KEY, site_id, *PLACE)
        assert 440 <= distance_m(*PLACE, *point) <= 560, site_id
        assert shifted_point(KEY, site_id, *PLACE) == point


def test_the_direction_depends_on_the_site_and_the_key_so_that_neighbours_do_not_reveal_each_other():
    points = {shifted_point(KEY, site_id, *PLACE) for site_id in range(1, 50)}
    assert len(points) == 49
    assert shifted_point(b"other-key" * 4, 1, *PLACE) != shifted_point(KEY, 1, *PLACE)
