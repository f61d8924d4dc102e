// Hands the chosen file to the papaparse worker and writes its timing into #result as JSON.
document.getElementById("file").addEventListener("change", (event) => {
  const worker = new Worker("./papaparse-worker.js");
  worker.onmessage = (e) => {
    document.getElementById("result").textContent = JSON.stringify(e.data);
  };
  worker.postMessage(event.target.files[0]);
});
