// The call editor: the total of the criteria's weights follows what is typed.
(function () {
  var form = document.getElementById("call-form");
  var total = form && form.querySelector("[data-weight-total]");
  if (!total) return;
  function update() {
    var sum = 0;
    form.querySelectorAll("input[name$='-weight']").forEach(function (input) {
      var value = parseInt(input.value, 10);
      if (!isNaN(value)) sum += value;
    });
    total.textContent = sum;
    total.classList.toggle("text-danger", sum !== 100);
    total.classList.toggle("text-success", sum === 100);
  }
  form.addEventListener("input", update);
  update();
})();
