def test_landing_and_login_pages(client):
    assert client.get("/").status_code == 200
    assert client.get("/login").status_code == 200


def test_dashboard_as_owner_admin(client, world):
    client.login(world.owner_admin)
    response = client.get("/dashboard")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert page.status_code == 200, page.get_data(as_text=True)[:2000]
